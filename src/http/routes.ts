/** Non-GraphQL routes: liveness, readiness and the public signing keys. */
import type { FastifyInstance } from 'fastify';
import type { SigningKeys } from '../modules/auth/signing-keys.js';

export interface RouteDeps {
  keys: SigningKeys;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  readinessTimeoutMs: number;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    try {
      await withTimeout(deps.ping(), deps.readinessTimeoutMs);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return { keys: deps.keys.jwks };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
