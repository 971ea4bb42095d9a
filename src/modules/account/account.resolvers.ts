import type { MutationResolvers, UserResolvers } from '../../generated/graphql.js';
import { requireViewer } from '../../graphql/viewer-guard.js';
import { parseEmail, parseNewPassword } from '../auth/auth.inputs.js';
import { parseNewEmail, parsePresentedPassword, parseProfileInput } from './account.inputs.js';

export const accountResolvers: { Mutation: MutationResolvers; User: UserResolvers } = {
  Mutation: {
    verifyEmail: (_parent, { token }, ctx) => ctx.services.account.verifyEmail(token, ctx.viewer?.user.id ?? null, ctx.meta),
    resendVerificationEmail: (_parent, _args, ctx) =>
      ctx.services.account.resendVerificationEmail(requireViewer(ctx).user, ctx.meta),
    requestPasswordReset: (_parent, { email }, ctx) => ctx.services.account.requestPasswordReset(parseEmail(email), ctx.meta),
    resetPassword: (_parent, { token, newPassword }, ctx) => {
      // The policy check that needs the account's address runs in the service, once the token names it.
      parseNewPassword(newPassword, '', ctx.services.auth.passwordPolicy, 'newPassword');
      return ctx.services.account.resetPassword(token, newPassword, ctx.meta);
    },
    changePassword: (_parent, { currentPassword, newPassword }, ctx) => {
      const viewer = requireViewer(ctx);
      const policy = ctx.services.auth.passwordPolicy;
      parsePresentedPassword(currentPassword, policy, 'currentPassword');
      parseNewPassword(newPassword, viewer.user.email, policy, 'newPassword');
      return ctx.services.account.changePassword(viewer, currentPassword, newPassword, ctx.meta);
    },
    updateProfile: (_parent, { input }, ctx) =>
      ctx.services.account.updateProfile(requireViewer(ctx).user, parseProfileInput(input), ctx.meta),
    requestEmailChange: (_parent, { newEmail, password }, ctx) => {
      const viewer = requireViewer(ctx);
      const email = parseNewEmail(newEmail);
      parsePresentedPassword(password, ctx.services.auth.passwordPolicy, 'password');
      return ctx.services.account.requestEmailChange(viewer.user, email, password, ctx.meta);
    },
    confirmEmailChange: (_parent, { token }, ctx) =>
      ctx.services.account.confirmEmailChange(token, ctx.viewer?.user.id ?? null, ctx.meta),
    deleteAccount: async (_parent, { password }, ctx) => {
      const viewer = requireViewer(ctx);
      parsePresentedPassword(password, ctx.services.auth.passwordPolicy, 'password');
      const deleted = await ctx.services.account.deleteAccount(viewer, password, ctx.meta);
      ctx.refreshCookie.clear();
      return deleted;
    },
  },
  User: {
    avatarUrl: (user, _args, ctx) => ctx.services.avatars.urlFor(user.avatarUrl),
  },
};
