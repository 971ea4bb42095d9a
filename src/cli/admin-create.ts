/**
 * `npm run admin:create -- --email a@b.c [--password '...']`: makes the address an active
 * administrator, creating the account when it does not exist (then --password is required and
 * must satisfy the password policy). Idempotent; prints what it did; exit code 2 on bad input.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../graphql/errors.js';
import { createAdminAccountsService, type EnsureAdminResult } from '../modules/admin/admin-accounts.service.js';
import { parseEmail, parseNewPassword } from '../modules/auth/auth.inputs.js';
import { createPasswordHasher } from '../modules/auth/password-hasher.js';
import { runIfMain, UsageError, withRepositories, type CommandMain } from './cli-support.js';

const USAGE = "usage: npm run admin:create -- --email <address> [--password '<password>']";

function parseCommandLine(argv: string[]) {
  let values: { email?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { email: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return null;
  if (!values.email) throw new UsageError(`--email is required\n${USAGE}`);
  return { email: values.email, password: values.password ?? null };
}

/** Validation errors of the shared input parsers become usage errors naming the option. */
function validated(email: string, password: string | null, policy: Parameters<typeof parseNewPassword>[2]) {
  try {
    const cleanEmail = parseEmail(email, '--email');
    return { email: cleanEmail, password: password === null ? null : parseNewPassword(password, cleanEmail, policy, '--password') };
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(`${String(error.extensions.field)}: ${error.message}`);
    throw error;
  }
}

export function describeResult(email: string, result: EnsureAdminResult): string {
  switch (result.action) {
    case 'created':
      return `Created administrator ${email} (id ${result.user.id}).`;
    case 'promoted':
      return `Promoted existing user ${email} (id ${result.user.id}) to active administrator; password unchanged.`;
    case 'unchanged':
      return `${email} (id ${result.user.id}) is already an active administrator; nothing changed.`;
    default:
      return `No action for ${email}.`;
  }
}

export const adminCreate: CommandMain = async (argv, loadConfig, print) => {
  const args = parseCommandLine(argv);
  if (!args) return print(USAGE);
  const config = loadConfig();
  const { email, password } = validated(args.email, args.password, config.passwords);
  const hasher = await createPasswordHasher(config.passwords.hashing);
  const result = await withRepositories(config, (repos) =>
    createAdminAccountsService({ repos, hasher }).ensureAdmin(
      { email, password, via: 'cli' },
      { now: new Date(), ipAddress: null, userAgent: 'latchkey-cli' },
    ),
  );
  if (result.action === 'failed') throw new UsageError(`no account ${email} exists; pass --password to create it`);
  print(describeResult(email, result));
};

runIfMain(import.meta.url, adminCreate);
