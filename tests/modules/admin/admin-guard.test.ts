import { describe, expect, it } from 'vitest';
import { isActiveAdmin, judgeAdminAction, type AdminAction } from '../../../src/modules/admin/admin-guard.js';

const check = (action: AdminAction, actorId: string, targetId: string, activeAdminIds: string[], removesActiveAdmin = false) =>
  judgeAdminAction({ action, actorId, targetId, activeAdminIds, removesActiveAdmin });

describe('judgeAdminAction', () => {
  it.each(['SET_ROLE', 'SUSPEND', 'DELETE'] as const)('refuses %s on oneself', (action) => {
    expect(check(action, 'a', 'a', ['a', 'b'], true)).toBe('SELF');
  });

  it.each(['UPDATE', 'REVOKE_SESSIONS'] as const)('allows %s on oneself', (action) => {
    expect(check(action, 'a', 'a', ['a'])).toBe('OK');
  });

  it('refuses removing the last active admin, even when the actor lost their role meanwhile', () => {
    expect(check('SET_ROLE', 'b', 'a', ['a'], true)).toBe('LAST_ADMIN');
    expect(check('DELETE', 'b', 'a', ['a'], true)).toBe('LAST_ADMIN');
  });

  it('allows removing an admin while another remains', () => {
    expect(check('SUSPEND', 'a', 'b', ['a', 'b'], true)).toBe('OK');
  });

  it('refuses an actor who is no longer an active admin', () => {
    expect(check('UPDATE', 'x', 'u', ['a'])).toBe('ACTOR_NOT_ADMIN');
    expect(check('SET_ROLE', 'x', 'u', ['a', 'b'])).toBe('ACTOR_NOT_ADMIN');
  });

  it('treats only ACTIVE admins as admins', () => {
    expect(isActiveAdmin({ role: 'ADMIN', status: 'ACTIVE' })).toBe(true);
    expect(isActiveAdmin({ role: 'ADMIN', status: 'SUSPENDED' })).toBe(false);
    expect(isActiveAdmin({ role: 'USER', status: 'ACTIVE' })).toBe(false);
  });
});
