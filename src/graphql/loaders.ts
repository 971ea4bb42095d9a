/**
 * Per-request DataLoaders: every user and session list a request touches is fetched in one
 * statement per kind, whatever the shape of the query (no N+1).
 */
import DataLoader from 'dataloader';
import type { SessionRow, UserRow } from '../db/schema.js';
import type { Services } from '../services.js';

export interface Loaders {
  userById: DataLoader<string, UserRow | null>;
  activeSessionsByUserId: DataLoader<string, SessionRow[]>;
}

export function createLoaders(services: Services, now: Date): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const rows = await services.users.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    activeSessionsByUserId: new DataLoader(async (userIds) => {
      const rows = await services.sessions.listActiveForUsers(userIds, now);
      const byUser = new Map<string, SessionRow[]>(userIds.map((id) => [id, []]));
      for (const row of rows) byUser.get(row.userId)?.push(row);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
  };
}
