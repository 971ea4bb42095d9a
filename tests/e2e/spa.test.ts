/**
 * The SPA example in Debian's Chromium against a real Latchkey: real CORS (the SPA is served by
 * `vite preview` on another port), the real httpOnly refresh cookie, two tabs and two profiles.
 * Skips with a logged reason when /usr/bin/chromium is missing, except in CI (helpers/chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { auditEvents } from '../../src/db/schema.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const hasChromium = chromiumAvailable('SPA end-to-end test');

const COOKIE = '__Host-latchkey_refresh';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function serveSpa(apiUrl: string, port: number, outDir: string): Promise<PreviewServer> {
  const { build, preview } = await import('vite');
  const configFile = path.resolve('examples/spa/vite.config.ts');
  const shared = { configFile, logLevel: 'silent' as const, define: { __LATCHKEY_API__: JSON.stringify(apiUrl) }, build: { outDir, emptyOutDir: true } };
  await build(shared);
  return preview({ ...shared, preview: { host: '127.0.0.1', port, strictPort: true } });
}

describe.skipIf(!hasChromium)('SPA example in Chromium', () => {
  let server: TestServer;
  let spa: PreviewServer;
  let spaUrl: string;
  let browser: Browser;
  let outDir: string;
  let profileA: BrowserContext;
  let tab1: Page;
  let tab2: Page;
  const email = uniqueEmail('spa');

  beforeAll(async () => {
    const port = await freePort();
    spaUrl = `http://127.0.0.1:${port}`;
    server = await createTestServer({ ACCESS_TOKEN_TTL_SECONDS: '30', CORS_ORIGINS: spaUrl });
    outDir = mkdtempSync(path.join(tmpdir(), 'latchkey-spa-'));
    spa = await serveSpa(server.url, port, outDir);
    browser = await launchChromium();
    profileA = await browser.newContext();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await spa?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const state = (page: Page) => page.locator('body').getAttribute('data-state');
  const waitForState = (page: Page, wanted: string) => page.waitForSelector(`body[data-state="${wanted}"]`);
  const renders = async (page: Page) => Number((await page.locator('body').getAttribute('data-renders')) ?? 0);
  const waitForRender = (page: Page, after: number) =>
    page.waitForFunction(`Number(document.body.dataset.renders ?? 0) > ${after}`);

  async function open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(spaUrl);
    await page.waitForSelector('body:not([data-state="loading"])');
    return page;
  }

  /** Background tabs are throttled: bring the tab forward first, as a user would. */
  async function click(page: Page, selector: string) {
    await page.bringToFront();
    await page.click(selector);
  }

  async function submit(page: Page, button: '#register' | '#login') {
    await page.fill('#email', email);
    await page.fill('#password', STRONG_PASSWORD);
    await click(page, button);
    await waitForState(page, 'signed-in');
  }

  it('signs up, shows me and the current session, keeps the access token out of storage', async () => {
    tab1 = await open(profileA);
    expect(await state(tab1)).toBe('signed-out');
    await submit(tab1, '#register');
    expect(await tab1.textContent('#me-email')).toBe(email);
    const sessions = tab1.locator('#sessions li');
    expect(await sessions.count()).toBe(1);
    expect(await sessions.first().getAttribute('data-current')).toBe('true');
    const cookie = (await profileA.cookies(server.url)).find((c) => c.name === COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    const stored = await tab1.evaluate('({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })');
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' });
  });

  it('stays signed in across a reload through the refresh cookie', async () => {
    await tab1.reload();
    await waitForState(tab1, 'signed-in');
    expect(await tab1.textContent('#me-email')).toBe(email);
  });

  it('refreshes two tabs at the same moment without signing either out', async () => {
    tab2 = await open(profileA);
    expect(await state(tab2)).toBe('signed-in');
    const before = [await renders(tab1), await renders(tab2)];
    const refreshes: string[] = [];
    profileA.on('request', (request) => {
      if (request.postData()?.includes('refresh(')) refreshes.push(request.url());
    });
    server.clock.advance(31); // both tabs' access tokens are now expired at the API
    await Promise.all([tab1.click('#reload'), tab2.click('#reload')]);
    await Promise.all([waitForRender(tab1, before[0]!), waitForRender(tab2, before[1]!)]);
    expect(refreshes).toHaveLength(2);
    for (const tab of [tab1, tab2]) {
      expect(await state(tab)).toBe('signed-in');
      expect(await tab.textContent('#error')).toBe('');
    }
    const reuse = await server.app.database.db.select().from(auditEvents).where(eq(auditEvents.type, 'session.refresh_token_reuse'));
    expect(reuse).toEqual([]);
    // A later call still works: neither refresh was taken for a stolen-token replay.
    const again = await renders(tab1);
    await click(tab1, '#reload');
    await waitForRender(tab1, again);
    expect(await tab1.locator('#sessions li').count()).toBe(1);
  });

  it('revokes the session of another browser profile, which is signed out on its next call', async () => {
    const profileB = await browser.newContext();
    const other = await open(profileB);
    await submit(other, '#login');
    const before = await renders(tab1);
    await click(tab1, '#reload');
    await waitForRender(tab1, before);
    expect(await tab1.locator('#sessions li').count()).toBe(2);
    const afterList = await renders(tab1);
    await click(tab1, '#sessions li[data-current="false"] button.revoke');
    await waitForRender(tab1, afterList);
    expect(await tab1.locator('#sessions li').count()).toBe(1);
    expect(await state(other)).toBe('signed-in');
    await click(other, '#reload');
    await waitForState(other, 'signed-out');
    expect(await other.textContent('#error')).toContain('Signed out');
    await profileB.close();
  });

  it('logs out: the cookie is gone, a reload stays signed out, the other tab is signed out on its next call', async () => {
    await click(tab1, '#logout');
    await waitForState(tab1, 'signed-out');
    expect((await profileA.cookies(server.url)).find((c) => c.name === COOKIE)).toBeUndefined();
    await tab1.reload();
    await tab1.waitForSelector('body:not([data-state="loading"])');
    expect(await state(tab1)).toBe('signed-out');
    await click(tab2, '#reload');
    await waitForState(tab2, 'signed-out');
  });
});
