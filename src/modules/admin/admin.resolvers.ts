import type {
  AuditEventResolvers,
  MutationResolvers,
  QueryResolvers,
  UserConnectionResolvers,
} from '../../generated/graphql.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../../graphql/viewer-guard.js';
import type { AdminActor } from './admin.service.js';
import {
  parseAdminUserUpdate,
  parseAfter,
  parseAuditFilter,
  parseFirst,
  parseReason,
  parseUserFilter,
  parseUserOrder,
} from './admin.inputs.js';

const actor = (ctx: GraphQLContext): AdminActor => ({ actorId: requireViewer(ctx).user.id, meta: ctx.meta });

export const adminResolvers: {
  Query: QueryResolvers;
  Mutation: MutationResolvers;
  UserConnection: UserConnectionResolvers;
  AuditEvent: AuditEventResolvers;
} = {
  Query: {
    user: (_parent, { id }, ctx) => ctx.loaders.userById.load(id),
    users: (_parent, args, ctx) =>
      ctx.services.adminReports.listUsers({
        first: parseFirst(args.first, 20),
        after: parseAfter(args.after),
        filter: parseUserFilter(args.filter),
        ...parseUserOrder(args.orderBy),
      }),
    stats: (_parent, _args, ctx) => ctx.services.adminReports.stats(ctx.meta.now),
    auditEvents: (_parent, args, ctx) =>
      ctx.services.adminReports.listAuditEvents({
        first: parseFirst(args.first, 50),
        after: parseAfter(args.after),
        ...parseAuditFilter(args.filter),
      }),
  },
  Mutation: {
    updateUser: (_parent, { id, input }, ctx) => ctx.services.admin.update(actor(ctx), id, parseAdminUserUpdate(input)),
    setUserRole: (_parent, { id, role }, ctx) => ctx.services.admin.setRole(actor(ctx), id, role),
    suspendUser: (_parent, { id, reason }, ctx) => ctx.services.admin.suspend(actor(ctx), id, parseReason(reason)),
    unsuspendUser: (_parent, { id }, ctx) => ctx.services.admin.unsuspend(actor(ctx), id),
    deleteUser: (_parent, { id }, ctx) => ctx.services.admin.remove(actor(ctx), id),
    revokeUserSessions: (_parent, { id }, ctx) => ctx.services.admin.revokeSessions(actor(ctx), id),
  },
  UserConnection: {
    totalCount: (page) => page.countTotal(),
  },
  AuditEvent: {
    id: (event) => String(event.id),
    metadata: (event) => (event.metadata === null ? null : JSON.stringify(event.metadata)),
  },
};
