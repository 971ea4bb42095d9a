/**
 * The executable schema: SDL from schema/ (the source of truth), resolvers from each module, and
 * the shield permission layer wrapped around every field.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFilesSync } from '@graphql-tools/load-files';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { Resolvers } from '../generated/graphql.js';
import { accountResolvers } from '../modules/account/account.resolvers.js';
import { adminResolvers } from '../modules/admin/admin.resolvers.js';
import { authResolvers } from '../modules/auth/auth.resolvers.js';
import { serviceAccountsResolvers } from '../modules/service-accounts/service-accounts.resolvers.js';
import { sessionsResolvers } from '../modules/sessions/sessions.resolvers.js';
import { usersResolvers } from '../modules/users/users.resolvers.js';
import { permissions } from './permissions.js';
import { DateTime } from './scalars.js';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema', import.meta.url));

const resolvers: Resolvers[] = [
  { DateTime },
  usersResolvers,
  sessionsResolvers,
  authResolvers,
  accountResolvers,
  serviceAccountsResolvers,
  adminResolvers,
];

export function loadTypeDefs() {
  return mergeTypeDefs(loadFilesSync(path.join(SCHEMA_DIR, '**/*.graphql')));
}

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
  return applyMiddleware(schema, permissions);
}
