import type { Repositories } from '../../db/repositories.js';

export function createUsersService(deps: { repos: Repositories }) {
  return {
    findByIds: (ids: readonly string[]) => deps.repos.users.findByIds(ids),
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
