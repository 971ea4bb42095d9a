/**
 * The `me` figure's limit: the same HTTP stack as Latchkey (Fastify 5, @as-integrations/fastify,
 * Apollo Server 5, graphql 16) answering `{ ok }` with a constant: no auth, no database, no
 * logging, no permission layer. Whatever Latchkey costs beyond this is Latchkey's own work.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';

const fastify = Fastify({ logger: false });
const apollo = new ApolloServer({
  typeDefs: 'type Query { ok: Boolean! }',
  resolvers: { Query: { ok: () => true } },
  csrfPrevention: true,
  introspection: false,
  plugins: [fastifyApolloDrainPlugin(fastify), ApolloServerPluginLandingPageDisabled()],
});
await apollo.start();
await fastify.register(fastifyApollo(apollo));
fastify.get('/health', async () => ({ status: 'ok' }));
await fastify.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });

const stop = () => {
  fastify.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
