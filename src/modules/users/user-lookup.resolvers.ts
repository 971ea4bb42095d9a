import type { QueryResolvers } from '../../generated/graphql.js';

/** `user(id)`: kept apart so it can be merged with an administrators' `user` query elsewhere. */
export const userLookupResolvers: { Query: QueryResolvers } = {
  Query: {
    user: (_parent, { id }, ctx) => ctx.loaders.userById.load(id),
  },
};
