import type { MutationResolvers, QueryResolvers, SessionResolvers } from '../../generated/graphql.js';
import { UserInputError } from '../../graphql/errors.js';
import { requireViewer } from '../../graphql/viewer-guard.js';

export const sessionsResolvers: { Query: QueryResolvers; Mutation: MutationResolvers; Session: SessionResolvers } = {
  Query: {
    sessions: (_parent, _args, ctx) => ctx.loaders.activeSessionsByUserId.load(requireViewer(ctx).user.id),
  },
  Mutation: {
    revokeSession: async (_parent, { id }, ctx) => {
      if (id.length > 64) throw new UserInputError('id', 'Not a session id');
      const viewer = requireViewer(ctx);
      const revoked = await ctx.services.sessions.revokeOwn(viewer.user.id, id, ctx.meta, 'REVOKED_BY_USER');
      if (revoked && id === viewer.session.id) ctx.refreshCookie.clear();
      return revoked;
    },
    revokeOtherSessions: (_parent, _args, ctx) => {
      const viewer = requireViewer(ctx);
      return ctx.services.sessions.revokeOthers(viewer.user.id, viewer.session.id, ctx.meta);
    },
  },
  Session: {
    current: (session, _args, ctx) => session.isCurrent ?? session.id === ctx.viewer?.session.id,
  },
};
