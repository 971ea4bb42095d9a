import { drizzle } from 'drizzle-orm/postgres-js';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { prepareStatements } from '../../../src/modules/sessions/sessions.statements.js';

describe('the sessions statements', () => {
  it('are built one at a time, as each is first used', () => {
    const db = drizzle.mock() as unknown as Database;
    const calls: string[] = [];
    const counted = new Proxy(db, {
      get(target, property, receiver) {
        if (property === 'select' || property === '$with' || property === 'with') calls.push(property);
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const statements = prepareStatements(counted);
    expect(calls).toEqual([]);
    expect(statements.byRefreshTokenHashes).toBeDefined();
    expect(calls).toEqual(['select']);
    expect(statements.rotation).toBeDefined();
    expect(calls.length).toBeGreaterThan(1);
  });
});
