import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { armorProtection } from './armor.js';
import type { GraphQLContext } from './context.js';
import { createFormatError } from './errors.js';
import { inputGuardPlugin } from './input-guard.js';
import { operationLoggingPlugin } from './logging-plugin.js';
import { buildSchema } from './schema.js';

export function createApolloServer(config: Config, fastify: FastifyInstance, logger: Logger) {
  // Apollo Sandbox, embedded, where enabled (development by default).
  const landingPage = config.graphql.landingPage
    ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: true })
    : ApolloServerPluginLandingPageDisabled();
  const armor = armorProtection(config.graphql.limits);
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.graphql.hideSuggestions,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.graphql.limits.maxTokens },
    formatError: createFormatError({
      onMasked: (original) => logger.error({ err: original }, 'unexpected error masked in GraphQL response'),
      hideSuggestions: config.graphql.hideSuggestions,
    }),
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      landingPage,
      // Nothing here is cacheable (every response is `no-store`, see security-headers.ts), and the
      // plugin's per-field hook made Apollo wrap every resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
      operationLoggingPlugin(logger),
      inputGuardPlugin(),
      ...(armor.plugins as ApolloServerPlugin<GraphQLContext>[]),
    ],
  });
}
