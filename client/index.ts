/**
 * `latchkey/client`: typed GraphQL documents for every Latchkey operation (generated from
 * client/operations/*.graphql by `npm run codegen`) and a minimal fetch-based request function.
 * The documents are `TypedDocumentNode`s, so any GraphQL client that understands them (urql,
 * Apollo Client, graphql-request) infers result and variable types; `latchkeyRequest` needs none.
 *
 * This entry is TypeScript source: load it with a TypeScript-aware runtime or bundler (tsx,
 * Vite, esbuild, Node's type stripping) — see README "Client SDK and examples".
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export * from './generated/graphql.js';
export type { TypedDocumentNode };

export interface LatchkeyRequestOptions {
  /** Sent as `Authorization: Bearer <token>`: a user access token, a service token or a service secret. */
  token?: string | null;
  /** `include` in browsers, so the refresh cookie travels with `refresh` and `logout`. */
  credentials?: 'include' | 'same-origin' | 'omit';
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface LatchkeyGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; reason?: string; field?: string; retryAfter?: number; [key: string]: unknown };
}

/** The response carried GraphQL errors; `errors[0].extensions.code` says which (e.g. UNAUTHENTICATED). */
export class LatchkeyError extends Error {
  constructor(
    readonly errors: LatchkeyGraphQLError[],
    readonly status: number,
  ) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'LatchkeyError';
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** POSTs one operation to `endpoint` (e.g. `https://auth.example.com/graphql`) and returns its data. */
export async function latchkeyRequest<TResult, TVariables extends Record<string, unknown>>(
  endpoint: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: LatchkeyRequestOptions = {},
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await (options.fetch ?? fetch)(endpoint, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: print(document), variables }),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const body = (await response.json()) as { data?: TResult | null; errors?: LatchkeyGraphQLError[] };
  if (body.errors?.length) throw new LatchkeyError(body.errors, response.status);
  if (!body.data) throw new LatchkeyError([{ message: `HTTP ${response.status} without data` }], response.status);
  return body.data;
}
