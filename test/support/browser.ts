/**
 * Real Chromium for browser tests: Debian's build, headless, with the flags this project's
 * machines need (no sandbox as root, no background networking on a closed network).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM_PATH = process.env.PEAKEND_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM_PATH);

/**
 * `describe` for browser tests: without Chromium they are skipped with a visible message, except
 * under CI, where a missing browser must fail the run rather than pass it quietly.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (available || process.env.CI) {
    describe(name, body);
    return;
  }
  console.warn(
    `\n  ⚠ Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).\n`,
  );
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!available) {
    throw new Error(`Chromium is required for browser tests: none at ${CHROMIUM_PATH}`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const SHOTS = 'test-results/screenshots';

/** Saves a screenshot for people to look at (test-results/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}
