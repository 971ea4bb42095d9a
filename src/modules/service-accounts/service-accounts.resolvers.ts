import type { MutationResolvers, QueryResolvers, ServiceAccountResolvers } from '../../generated/graphql.js';
import { UserInputError } from '../../graphql/errors.js';
import { requireViewer } from '../../graphql/viewer-guard.js';
import { isServiceAccountActive, parseScopes } from './service-secret.js';

const NAME_MAX_LENGTH = 64;
/** More ids than this in one usersByIds call is refused rather than silently truncated. */
export const USERS_BY_IDS_MAX = 100;

export const serviceAccountsResolvers: {
  Query: QueryResolvers;
  Mutation: MutationResolvers;
  ServiceAccount: ServiceAccountResolvers;
} = {
  Query: {
    serviceAccounts: (_parent, _args, ctx) => ctx.services.serviceAccounts.list(),
    usersByIds: async (_parent, { ids }, ctx) => {
      if (ids.length > USERS_BY_IDS_MAX) throw new UserInputError('ids', `At most ${USERS_BY_IDS_MAX} ids per call`);
      // One batch through the loader: a single SQL statement whatever the number of ids.
      const users = await ctx.loaders.userById.loadMany(ids);
      return users.map((user) => (user instanceof Error ? null : user));
    },
  },
  Mutation: {
    createServiceAccount: async (_parent, { name, scopes }, ctx) => {
      const admin = requireViewer(ctx);
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > NAME_MAX_LENGTH) {
        throw new UserInputError('name', `The name must be 1 to ${NAME_MAX_LENGTH} characters`);
      }
      const checked = parseScopes(scopes);
      if (!checked.ok) throw new UserInputError('scopes', checked.message);
      return ctx.services.serviceAccounts.create(trimmed, checked.scopes, admin.user.id, ctx.meta);
    },
    revokeServiceAccount: (_parent, { id }, ctx) =>
      ctx.services.serviceAccounts.revoke(id, requireViewer(ctx).user.id, ctx.meta),
    serviceToken: (_parent, { clientId, clientSecret }, ctx) =>
      ctx.services.serviceAccounts.issueToken(clientId, clientSecret, ctx.meta),
  },
  ServiceAccount: {
    active: (account, _args, ctx) => isServiceAccountActive(account, ctx.meta.now),
  },
};
