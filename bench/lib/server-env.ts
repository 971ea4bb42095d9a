/** The environment every bench script starts the Latchkey server with (`npm start`'s compiled server). */

export interface ServerEnvOptions {
  logLevel: string;
  /** UV_THREADPOOL_SIZE for the server; empty: libuv's default. */
  threadpoolSize: string;
}

export function serverEnv(storage: { dataDir: string; databaseUrl: string | undefined }, options: ServerEnvOptions, privateKey: string): Record<string, string> {
  const unlimited = '1000000000';
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    DATA_DIR: storage.dataDir,
    ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
    ...(options.threadpoolSize ? { UV_THREADPOOL_SIZE: options.threadpoolSize } : {}),
    ...(process.env.THREAD_POOL_NICE ? { THREAD_POOL_NICE: process.env.THREAD_POOL_NICE } : {}),
    JWT_PRIVATE_KEY: privateKey,
    SESSION_CLEANUP_INTERVAL_SECONDS: '0',
    // The bench logs in and refreshes far more often than any person; limits would only distort it.
    LOGIN_MAX_FAILURES_PER_ACCOUNT: unlimited,
    LOGIN_MAX_FAILURES_PER_IP: unlimited,
    REGISTER_MAX_PER_IP: unlimited,
    REFRESH_MAX_PER_SESSION: unlimited,
    GLOBAL_MAX_PER_IP: unlimited,
  };
}
