/**
 * The flame graph file the bench writes with --profile: its markup, and that it really draws in
 * Debian's Chromium (helpers/chromium.ts: skipped without it, except in CI).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlameNode } from '../../bench/lib/cpu-profile.js';
import { renderFlameGraph } from '../../bench/lib/flame-graph.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';

const hasChromium = chromiumAvailable('Flame graph browser test');

const tree: FlameNode = {
  name: 'refresh',
  value: 1000,
  children: [
    { name: 'handler dist/modules/a.js:10', value: 700, children: [{ name: 'signOneShot node:internal/crypto/sig:143', value: 300, children: [] }] },
    { name: '(garbage collector)', value: 300, children: [] },
  ],
};

describe('renderFlameGraph', () => {
  it('inlines d3, d3-flame-graph and the data, and cannot be broken out of by a frame name', () => {
    const html = renderFlameGraph('server: <me>', 'busy', { name: '</script><b>x', value: 1, children: [] });
    expect(html).toContain('<title>server: &lt;me&gt;</title>');
    expect(html).toContain('flamegraph.default()');
    expect(html).not.toContain('</script><b>x');
    expect(html.match(/<script>/g)).toHaveLength(3);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-flame-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasChromium)('draws every frame offline, and search finds frames by name', async () => {
    const file = path.join(dir, 'refresh.html');
    writeFileSync(file, renderFlameGraph('server: refresh', 'main thread', tree));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      // Nothing may come from the network: the file must carry d3 and the plugin itself.
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${file}`);
      const frames = page.locator('#chart svg g.frame');
      await expect.poll(() => frames.count()).toBe(4);
      const signing = page.locator('#chart svg g.frame[name^="signOneShot"]');
      await signing.dispatchEvent('mouseover');
      await expect.poll(() => page.locator('#details').textContent()).toBe('signOneShot node:internal/crypto/sig:143 (30.00 % of busy, 0.3 ms)');
      await signing.dispatchEvent('mouseout');
      await page.fill('#term', 'signOneShot');
      await expect.poll(() => page.locator('#details').textContent()).toContain('search: 300 of 1000');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
