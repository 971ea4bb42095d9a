/** Shared plumbing of the operator commands: configuration, database and clear failures. */
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createRepositories, type Repositories } from '../db/repositories.js';

/** A mistake in the command line or the environment: printed as is, exit code 2. */
export class UsageError extends Error {}

/** Opens the configured database (PGlite under DATA_DIR or DATABASE_URL), runs `work`, closes it. */
export async function withRepositories<T>(config: Config, work: (repos: Repositories) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database, config.dataDir);
  try {
    return await work(createRepositories(database.db));
  } finally {
    await database.close();
  }
}

export type CommandMain = (argv: string[], config: () => Config, print: (line: string) => void) => Promise<void>;

/** Runs a command when its file is the entry point; maps failures to messages and exit codes. */
export function runIfMain(moduleUrl: string, main: CommandMain): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2), () => loadConfig(), (line) => console.log(line)).then(
    () => process.exit(0),
    (error: unknown) => {
      const expected = error instanceof UsageError || error instanceof ConfigError;
      console.error(expected ? `error: ${(error as Error).message}` : error);
      process.exit(expected ? 2 : 1);
    },
  );
}
