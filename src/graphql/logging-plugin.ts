/**
 * One log line per GraphQL operation: name, duration and outcome (with error codes), carrying the
 * request id. Variables are never logged.
 *
 * The line is built here from those fields only, never from request data, so it is written through
 * a child of the app logger with redaction switched off: pino's path redaction (with the wildcard
 * paths of REDACTED_PATHS) cloned every such object and cost more than the rest of the line, on
 * every request. Every other log call keeps the redaction.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context.js';

export function operationLoggingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  const operationLog = logger.child({}, { redact: { paths: [] } });
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
          operationLog.info(
            {
              reqId: contextValue.requestId,
              operationName: operationName ?? null,
              durationMs: Math.round(durationMs * 100) / 100,
              outcome: codes.length ? 'error' : 'ok',
              errorCodes: codes.length ? codes : undefined,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
