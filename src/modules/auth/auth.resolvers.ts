import type { MutationResolvers } from '../../generated/graphql.js';
import { requireViewer } from '../../graphql/viewer-guard.js';
import { parseLoginInput, parseRegisterInput } from './auth.inputs.js';

export const authResolvers: { Mutation: MutationResolvers } = {
  Mutation: {
    register: async (_parent, { input }, ctx) => {
      const values = parseRegisterInput(input, ctx.services.auth.passwordPolicy);
      const result = await ctx.services.auth.register(values, ctx.meta);
      ctx.refreshCookie.set(result.refreshToken, result.refreshTokenExpiresAt);
      return result;
    },
    login: async (_parent, { input }, ctx) => {
      const { email, password, tooLong } = parseLoginInput(input, ctx.services.auth.passwordPolicy);
      const result = await ctx.services.auth.login(email, password, tooLong, ctx.meta);
      ctx.refreshCookie.set(result.refreshToken, result.refreshTokenExpiresAt);
      return result;
    },
    refresh: async (_parent, { refreshToken }, ctx) => {
      const result = await ctx.services.auth.refresh(refreshToken ?? ctx.refreshCookie.read(), ctx.meta);
      ctx.refreshCookie.set(result.refreshToken, result.refreshTokenExpiresAt);
      return result;
    },
    logout: async (_parent, _args, ctx) => {
      const viewer = requireViewer(ctx);
      await ctx.services.sessions.revokeOwn(viewer.user.id, viewer.session.id, ctx.meta, 'LOGOUT');
      ctx.refreshCookie.clear();
      return true;
    },
  },
};
