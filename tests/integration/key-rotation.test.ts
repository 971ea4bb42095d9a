import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../src/modules/auth/access-token.js';
import { chooseSigner } from '../../src/modules/auth/key-directory.js';
import { generateSigningJwk, loadSigningKeys } from '../../src/modules/auth/signing-keys.js';
import { createAdmin } from '../helpers/admin-fixtures.js';
import { ME, registerUser } from '../helpers/fixtures.js';
import { createServiceAccount, serviceToken } from '../helpers/service-accounts.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

let server: TestServer;
let dir: string;
let oldFile: string;
let newFile: string;
const tempDirs: string[] = [];

function tempDir(): string {
  const created = mkdtempSync(path.join(tmpdir(), 'latchkey-keys-'));
  tempDirs.push(created);
  return created;
}

/** A key directory holding copies of the given files from `dir`. */
function dirWith(...files: string[]): string {
  const target = tempDir();
  for (const file of files) copyFileSync(path.join(dir, file), path.join(target, file));
  return target;
}

const keysFrom = (keyDir: string) =>
  loadSigningKeys({ keyDir, privateKey: undefined, keyId: undefined, additionalPublicKeys: undefined, developmentKeyDir: undefined });

async function verifyExample(token: string) {
  const env = { ...process.env, LATCHKEY_URL: server.url, LATCHKEY_ISSUER: server.config.jwt.issuer };
  try {
    const { stdout } = await run(TSX, ['examples/verify-token.ts', token], { env });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: JSON.parse(failed.stdout) };
  }
}

beforeAll(async () => {
  dir = tempDir();
  // Two runs of the real script; file names sort oldest first.
  await run(TSX, ['scripts/keys-rotate.ts', '--dir', dir]);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await run(TSX, ['scripts/keys-rotate.ts', '--dir', dir]);
  [oldFile, newFile] = readdirSync(dir).sort() as [string, string];
  server = await createTestServer({ JWT_KEY_DIR: dir });
});
afterAll(async () => {
  await server?.close();
  for (const created of tempDirs) rmSync(created, { recursive: true, force: true });
});

const kidOf = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).kid as string;
const settings = () => ({ issuer: server.config.jwt.issuer, audience: server.config.jwt.audience, ttlSeconds: 300 });

describe('key directory', () => {
  it('signs with the newest key and publishes every key without private parts', async () => {
    const response = await fetch(`${server.url}/.well-known/jwks.json`);
    const { keys } = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(keys.map((key) => key.kid)).toEqual([kidOf(newFile), kidOf(oldFile)]);
    expect(keys.every((key) => key.d === undefined)).toBe(true);
    const { accessToken } = await registerUser(server.client());
    expect(decodeProtectedHeader(accessToken).kid).toBe(kidOf(newFile));
  });

  it('keeps accepting tokens signed with the old key while it is listed, and only then', async () => {
    const registered = await registerUser(server.client());
    const claims = decodeJwt(registered.accessToken);
    const oldKeys = await keysFrom(dirWith(oldFile));
    const now = server.clock.now();
    const oldToken = (await signAccessToken({ userId: claims.sub!, sessionId: claims.sid as string }, oldKeys, settings(), now)).token;
    const viaServer = await server.client().request<{ me: any }>(ME, {}, { token: oldToken });
    expect(viaServer.errors).toBeUndefined();
    expect(viaServer.data?.me?.id).toBe(registered.user.id);

    const afterRemoval = await keysFrom(dirWith(newFile));
    expect(await verifyAccessToken(oldToken, afterRemoval, settings(), now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
    expect(await verifyAccessToken(registered.accessToken, afterRemoval, settings(), now)).toMatchObject({ ok: true });
  });

  it('does the same with JWT_PRIVATE_KEY plus JWT_ADDITIONAL_PUBLIC_KEYS', async () => {
    const previous = await generateSigningJwk();
    const current = await generateSigningJwk();
    const older = await loadSigningKeys({ privateKey: JSON.stringify(previous), keyId: undefined, additionalPublicKeys: undefined, developmentKeyDir: undefined });
    const token = (await signAccessToken({ userId: 'u', sessionId: 's' }, older, settings(), new Date())).token;
    const load = (additionalPublicKeys: string | undefined) =>
      loadSigningKeys({ privateKey: JSON.stringify(current), keyId: undefined, additionalPublicKeys, developmentKeyDir: undefined });
    const listed = await load(JSON.stringify(older.jwks));
    expect(listed.jwks.map((jwk) => jwk.kid)).toEqual([current.kid, previous.kid]);
    expect(await verifyAccessToken(token, listed, settings(), new Date())).toMatchObject({ ok: true });
    expect(await verifyAccessToken(token, await load(undefined), settings(), new Date())).toMatchObject({ ok: false });
  });

  it('lets JWT_KEY_ID pick the signer by kid or file name', () => {
    const keys = [
      { file: 'a.json', jwk: { kty: 'OKP', kid: 'k1', d: 'x' } },
      { file: 'b.json', jwk: { kty: 'OKP', kid: 'k2', d: 'x' } },
      { file: 'c.json', jwk: { kty: 'OKP', kid: 'k3' } },
    ];
    expect(chooseSigner(keys, undefined)?.file).toBe('b.json');
    expect(chooseSigner(keys, 'k1')?.file).toBe('a.json');
    expect(chooseSigner(keys, 'a')?.file).toBe('a.json');
    expect(chooseSigner(keys, 'k3')).toBeUndefined();
  });
});

describe('examples/verify-token.ts', () => {
  it('verifies user and service tokens against the running instance by kid', async () => {
    const { accessToken } = await registerUser(server.client());
    const user = await verifyExample(accessToken);
    expect(user).toMatchObject({ code: 0, out: { valid: true, kind: 'user', kid: kidOf(newFile) } });
    const oldKeys = await keysFrom(dirWith(oldFile));
    const oldToken = (await signAccessToken({ userId: 'u', sessionId: 's' }, oldKeys, settings(), new Date())).token;
    expect(await verifyExample(oldToken)).toMatchObject({ code: 0, out: { valid: true, kid: kidOf(oldFile) } });
    const { client: admin } = await createAdmin(server);
    const token = await serviceToken(server.client(), await createServiceAccount(admin));
    expect(await verifyExample(token)).toMatchObject({ code: 0, out: { valid: true, kind: 'service' } });
  });

  it('rejects a token from an unpublished key, a wrong audience and garbage', async () => {
    const foreign = await loadSigningKeys({ privateKey: JSON.stringify(await generateSigningJwk()), keyId: undefined, additionalPublicKeys: undefined, developmentKeyDir: undefined });
    const forged = (await signAccessToken({ userId: 'u', sessionId: 's' }, foreign, settings(), new Date())).token;
    expect(await verifyExample(forged)).toMatchObject({ code: 1, out: { valid: false } });
    const keys = await keysFrom(dir);
    const otherAudience = (await signAccessToken({ userId: 'u', sessionId: 's' }, keys, { ...settings(), audience: 'other' }, new Date())).token;
    expect(await verifyExample(otherAudience)).toMatchObject({ code: 1, out: { valid: false, reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' } });
    expect(await verifyExample('not.a.token')).toMatchObject({ code: 1, out: { valid: false } });
  });
});
