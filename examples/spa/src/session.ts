/**
 * The browser's side of Latchkey sessions. Guarantees:
 * - The access token lives only in this module's memory: never in localStorage, sessionStorage or
 *   a readable cookie, so an injected script cannot lift it from storage and it dies with the tab.
 * - The refresh token never reaches JavaScript: it is the httpOnly `__Host-` cookie, sent only
 *   to the API by `refresh` (called without its argument) with `credentials: 'include'`.
 * - Refreshing is silent: before a call whose token is about to expire, and once after a call
 *   fails with UNAUTHENTICATED / TOKEN_EXPIRED, then the call is retried once.
 * - One refresh at a time across all tabs of this browser profile (Web Locks), and one per tab
 *   (a shared promise): tabs share the cookie, and two tabs rotating it at the same moment must not
 *   look like token theft. The server's grace window (same successor for a racing refresh) is
 *   the second line of defence for browsers without Web Locks.
 */
import {
  latchkeyRequest,
  LatchkeyError,
  LogoutDocument,
  RefreshDocument,
  type AuthPayloadFieldsFragment,
  type TypedDocumentNode,
} from 'latchkey/client';

/** Refresh this long before the access token's expiry rather than risk a failed call. */
const EXPIRY_MARGIN_MS = 5_000;
const REFRESH_LOCK = 'latchkey-refresh';

export type SignedOutListener = (reason: string) => void;

export function createSession(apiUrl: string, onSignedOut: SignedOutListener) {
  const endpoint = new URL('/graphql', apiUrl).toString();
  let accessToken: string | null = null;
  let expiresAt = 0;
  let refreshing: Promise<boolean> | null = null;

  function adopt(payload: AuthPayloadFieldsFragment): void {
    accessToken = payload.accessToken;
    expiresAt = Date.parse(payload.accessTokenExpiresAt);
  }

  function forget(reason: string): void {
    accessToken = null;
    expiresAt = 0;
    onSignedOut(reason);
  }

  async function refreshNow(): Promise<boolean> {
    try {
      const { refresh } = await latchkeyRequest(endpoint, RefreshDocument, {}, { credentials: 'include' });
      adopt(refresh);
      return true;
    } catch (error) {
      if (error instanceof LatchkeyError && error.code !== 'RATE_LIMITED') return false;
      throw error;
    }
  }

  /** Single-flight per tab, serialised across tabs; true when signed in afterwards. */
  function refresh(): Promise<boolean> {
    refreshing ??= (navigator.locks ? navigator.locks.request(REFRESH_LOCK, refreshNow) : refreshNow()).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function send<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    return latchkeyRequest(endpoint, document, variables, { token: accessToken, credentials: 'include' });
  }

  /** Runs an operation as the signed-in user, refreshing silently when the token expired. */
  async function call<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    if (accessToken === null || Date.now() > expiresAt - EXPIRY_MARGIN_MS) {
      if (!(await refresh())) throw signedOut('SESSION_ENDED');
    }
    try {
      return await send(document, variables);
    } catch (error) {
      if (!(error instanceof LatchkeyError) || error.code !== 'UNAUTHENTICATED') throw error;
      // Expired, or the session was revoked: only a refresh can tell.
      if (!(await refresh())) throw signedOut(error.errors[0]?.extensions?.reason ?? 'UNAUTHENTICATED');
      return send(document, variables);
    }
  }

  function signedOut(reason: string): Error {
    forget(reason);
    return new Error(`Signed out (${reason})`);
  }

  /** Register or log in (the response also sets the refresh cookie), then keep the access token. */
  async function signIn<V extends Record<string, unknown>>(
    document: TypedDocumentNode<Record<string, AuthPayloadFieldsFragment>, V>,
    variables: V,
  ): Promise<void> {
    const data = await latchkeyRequest(endpoint, document, variables, { credentials: 'include' });
    adopt(Object.values(data)[0]!);
  }

  async function logout(): Promise<void> {
    try {
      await call(LogoutDocument, {});
    } finally {
      forget('LOGOUT');
    }
  }

  return { call, refresh, signIn, logout };
}

export type Session = ReturnType<typeof createSession>;
