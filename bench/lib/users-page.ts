/**
 * The `users page` figure: admin `users(first: 50)` latency on page 1 and on a deep page (80 % of
 * the way through the seeded users), one request at a time. The deep cursor is reached by walking
 * the connection with first: 100, so nothing here depends on the cursor format. The `users`
 * query belongs to the administration module; where the schema has none, the figure is skipped.
 */
import { gql, load, type LoadResult } from './load.js';

const PAGE = `query Users($first: Int, $after: String) {
  users(first: $first, after: $after) {
    edges { cursor node { id email role status createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  users: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export type UsersPageResult =
  | { skipped: true; reason: string }
  | { skipped: false; deepRow: number; first: LoadResult; deep: LoadResult };

export async function usersQueryAvailable(url: string, adminToken: string): Promise<boolean> {
  try {
    await gql<Page>(url, PAGE, { first: 1 }, adminToken);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'GRAPHQL_VALIDATION_FAILED') return false;
    throw error;
  }
}

async function walkTo(url: string, token: string, row: number): Promise<string> {
  let after: string | null = null;
  let seen = 0;
  while (seen < row) {
    const data: Page = await gql<Page>(url, PAGE, { first: Math.min(100, row - seen), after }, token);
    seen += data.users.edges.length;
    after = data.users.pageInfo.endCursor;
    if (!data.users.pageInfo.hasNextPage || !after) break;
  }
  if (!after) throw new Error('users: walked off the end before the deep page');
  return after;
}

export async function measureUsersPage(url: string, adminToken: string, totalUsers: number, durationSeconds: number, warmupSeconds: number): Promise<UsersPageResult> {
  if (!(await usersQueryAvailable(url, adminToken))) return { skipped: true, reason: 'users query not available' };
  const deepRow = Math.floor(totalUsers * 0.8);
  const deepCursor = await walkTo(url, adminToken, deepRow);
  const headers = { authorization: `Bearer ${adminToken}` };
  const page = (after: string | null, seconds: number) =>
    load({ url, connections: 1, durationSeconds: seconds, headers, body: JSON.stringify({ query: PAGE, variables: { first: 50, after } }) });
  await page(null, warmupSeconds);
  await page(deepCursor, warmupSeconds);
  const first = await page(null, durationSeconds);
  const deep = await page(deepCursor, durationSeconds);
  return { skipped: false, deepRow, first, deep };
}
