import type { QueryResolvers, UserResolvers } from '../../generated/graphql.js';

export const usersResolvers: { Query: QueryResolvers; User: UserResolvers } = {
  Query: {
    me: (_parent, _args, ctx) => ctx.viewer?.user ?? null,
  },
  User: {
    sessions: (user, _args, ctx) => ctx.loaders.activeSessionsByUserId.load(user.id),
  },
};
