import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE_ACCOUNT, ME_ACCOUNT } from '../helpers/account-fixtures.js';
import { STRONG_PASSWORD, registerUser } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const MAX_BYTES = 64 * 1024;
let uploadDir: string;
let server: TestServer;

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-avatars-'));
  server = await createTestServer({ UPLOAD_DIR: uploadDir, AVATAR_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => {
  await server?.close();
  await rm(uploadDir, { recursive: true, force: true });
});

const image = (format: 'png' | 'jpeg' | 'webp', color = '#3366cc') =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).toFormat(format).toBuffer();

async function upload(token: string | null, bytes: Buffer | null, fileName = 'avatar.png', type = 'image/png', field = 'file') {
  const form = new FormData();
  if (bytes) form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${server.url}/avatar`, { method: 'PUT', headers, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

async function storedFiles(): Promise<string[]> {
  return (await readdir(uploadDir)).sort();
}

async function avatarOf(client: GraphQLClient): Promise<string | null> {
  return (await client.data<{ me: any }>(ME_ACCOUNT)).me.avatarUrl;
}

const fileName = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('PUT /avatar', () => {
  it('stores a PNG under an unguessable name and serves it with long caching and nosniff', async () => {
    const client = server.client();
    await registerUser(client);
    const { status, body } = await upload(client.accessToken, await image('png'), 'me.png');
    expect(status).toBe(200);
    expect(new URL(body.avatarUrl).pathname).toMatch(/^\/avatars\/[A-Za-z0-9_-]{43}\.png$/);
    expect(await avatarOf(client)).toBe(body.avatarUrl);
    const served = await fetch(`${server.url}${new URL(body.avatarUrl).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toContain('max-age=31536000');
    const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 40, height: 30 });
  });

  it('re-encodes JPEG and WebP, dropping EXIF metadata', async () => {
    const client = server.client();
    await registerUser(client);
    const withExif = await sharp(await image('jpeg')).withExif({ IFD0: { Copyright: 'secret-location' } }).jpeg().toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const jpeg = await upload(client.accessToken, withExif, 'photo.jpg', 'image/jpeg');
    expect(jpeg.body.avatarUrl).toMatch(/\.jpg$/);
    const served = Buffer.from(await (await fetch(`${server.url}${new URL(jpeg.body.avatarUrl).pathname}`)).arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(served.includes('secret-location')).toBe(false);
    const webp = await upload(client.accessToken, await image('webp'), 'x.webp', 'image/webp');
    expect(webp.body.avatarUrl).toMatch(/\.webp$/);
  });

  it('refuses a PHP script named .png and declared image/png, writing nothing', async () => {
    const client = server.client();
    await registerUser(client);
    const before = await storedFiles();
    const php = Buffer.from('<?php system($_GET["cmd"]); ?>\n');
    const { status, body } = await upload(client.accessToken, php, 'shell.png', 'image/png');
    expect(status).toBe(415);
    expect(body.error.code).toBe('UNSUPPORTED_IMAGE_TYPE');
    expect(await storedFiles()).toEqual(before);
    expect(await avatarOf(client)).toBeNull();
  });

  it('refuses a file that only starts like a PNG, and a GIF', async () => {
    const client = server.client();
    await registerUser(client);
    const png = await image('png');
    const truncated = Buffer.concat([png.subarray(0, 33), Buffer.from('garbage'.repeat(20))]);
    expect((await upload(client.accessToken, truncated)).body.error.code).toBe('UNSUPPORTED_IMAGE_TYPE');
    const gif = await sharp(png).gif().toBuffer();
    expect((await upload(client.accessToken, gif, 'a.gif', 'image/gif')).status).toBe(415);
  });

  it('refuses a file over AVATAR_MAX_BYTES with 413, writing nothing', async () => {
    const client = server.client();
    await registerUser(client);
    const before = await storedFiles();
    const big = Buffer.concat([await image('png'), Buffer.alloc(MAX_BYTES)]);
    const { status, body } = await upload(client.accessToken, big);
    expect(status).toBe(413);
    expect(body.error.code).toBe('FILE_TOO_LARGE');
    expect(await storedFiles()).toEqual(before);
  });

  it('answers clearly without a file, without multipart and without a valid token', async () => {
    const client = server.client();
    await registerUser(client);
    expect(await upload(client.accessToken, null)).toMatchObject({ status: 400, body: { error: { code: 'FILE_REQUIRED' } } });
    expect(await upload(client.accessToken, await image('png'), 'a.png', 'image/png', 'picture')).toMatchObject({ status: 400, body: { error: { code: 'FILE_REQUIRED' } } });
    const json = await fetch(`${server.url}/avatar`, { method: 'PUT', headers: { authorization: `Bearer ${client.accessToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(await upload(null, await image('png'))).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await upload('forged.token.value', await image('png'))).toMatchObject({ status: 401 });
  });

  it('deletes the old file when the avatar is replaced', async () => {
    const client = server.client();
    await registerUser(client);
    const first = (await upload(client.accessToken, await image('png', '#ff0000'))).body.avatarUrl;
    const second = (await upload(client.accessToken, await image('png', '#00ff00'))).body.avatarUrl;
    expect(second).not.toBe(first);
    const files = await storedFiles();
    expect(files).toContain(fileName(second));
    expect(files).not.toContain(fileName(first));
    expect((await fetch(`${server.url}${new URL(first).pathname}`)).status).toBe(404);
  });
});

describe('DELETE /avatar and account deletion', () => {
  it('removes the avatar and its file', async () => {
    const client = server.client();
    await registerUser(client);
    const url = (await upload(client.accessToken, await image('png'))).body.avatarUrl;
    const response = await fetch(`${server.url}/avatar`, { method: 'DELETE', headers: { authorization: `Bearer ${client.accessToken}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ avatarUrl: null });
    expect(await avatarOf(client)).toBeNull();
    expect(await storedFiles()).not.toContain(fileName(url));
    expect((await fetch(`${server.url}/avatar`, { method: 'DELETE' })).status).toBe(401);
  });

  it('deletes the avatar file with the account', async () => {
    const client = server.client();
    await registerUser(client);
    const url = (await upload(client.accessToken, await image('png'))).body.avatarUrl;
    await client.data(DELETE_ACCOUNT, { password: STRONG_PASSWORD });
    expect(await storedFiles()).not.toContain(fileName(url));
  });

  it('serves only well-formed avatar names', async () => {
    for (const name of ['..%2F..%2Fetc%2Fpasswd', 'x.png', `${'a'.repeat(43)}.php`]) {
      expect((await fetch(`${server.url}/avatars/${name}`)).status).toBe(404);
    }
  });
});
