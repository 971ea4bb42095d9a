/**
 * Debian's Chromium for the browser tests (the SPA end-to-end test, the bench's flame graph).
 * Where /usr/bin/chromium is missing those tests skip with a logged reason, except in CI, where
 * that is an error: .ci/run installs it (apt-get install chromium).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; throws in CI when they cannot. */
export function chromiumAvailable(testName: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
  console.warn(`${testName} skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  return false;
}

/** Headless, and quiet: no background networking, which this machine's closed network refuses. */
export function launchChromium(): Promise<Browser> {
  // launch() gives every context a fresh temporary profile (user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
