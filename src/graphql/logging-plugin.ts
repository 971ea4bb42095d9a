/**
 * One log line per GraphQL operation: name, duration and outcome (with error codes), through the
 * request's child logger so the request id is on it. Variables are never logged.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './context.js';

export function operationLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, errors, response }) {
          const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
          const body = response.body;
          const resultErrors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          const allErrors = [...(errors ?? []), ...resultErrors];
          const codes = [...new Set(allErrors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
          contextValue.logger?.info(
            { operationName: operationName ?? null, durationMs: Math.round(durationMs * 100) / 100, outcome: codes.length ? 'error' : 'ok', errorCodes: codes.length ? codes : undefined },
            'graphql operation',
          );
        },
      };
    },
  };
}
