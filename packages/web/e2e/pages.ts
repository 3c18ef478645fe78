import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from './browser.ts';
import { startDemoServer, type RunningServer } from './server.ts';

/** The demo users' password (demo/demo.ts); the administrator's comes from the test server. */
export const DEMO_PASSWORD = 'Yingji-demo-2026';

/**
 * The demo server and the Chromium of one test file: started before its tests, stopped after them. Read the fields
 * inside the tests (they are filled in by then).
 */
export interface Demo {
  server: RunningServer;
  browser: Browser;
  /** A new tab at the size the screenshots use, collecting the page's uncaught errors (a test expects none). */
  openPage(): Promise<{ page: Page; errors: string[] }>;
}

export function useDemo(): Demo {
  const demo = {
    async openPage() {
      const page = await demo.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, errors };
    },
  } as Demo;
  beforeAll(async () => {
    demo.server = await startDemoServer();
    demo.browser = await launchChromium();
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

/** Logs in through the login form, as a person would. */
export async function logIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** Waits until 一张图 has drawn the given area (the map sets these flags when its sources have loaded). */
export async function mapShows(page: Page, areaCode: string): Promise<void> {
  await page.waitForFunction((code) => window.__yingjiMapReady === true && document.body.dataset.mapArea === code, areaCode);
}

/** A full-page screenshot into the folder CI keeps, for people to look at. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

/**
 * Where the map draws a pixel of exactly this colour (the middle of the first circle of that colour), found by
 * decoding a screenshot of the map in the page itself: the WebGL canvas cannot be read back directly. The layer panel
 * floats over the map and repeats the colours in its swatches, so its box is left out.
 */
export async function pixelOf(
  page: Page,
  rgb: [number, number, number],
  /** 'centre' of the first circle (points), or the 'first' pixel itself (a line, whose centre may lie off it). */
  where: 'centre' | 'first' = 'centre',
): Promise<{ x: number; y: number } | null> {
  const map = page.getByTestId('map');
  const box = (await map.boundingBox())!;
  const panel = await page.getByTestId('layer-panel').boundingBox();
  const skip = panel
    ? { x0: panel.x - box.x, y0: panel.y - box.y, x1: panel.x - box.x + panel.width, y1: panel.y - box.y + panel.height }
    : { x0: -1, y0: -1, x1: -1, y1: -1 };
  const png = (await map.screenshot()).toString('base64');
  const found = await page.evaluate(
    async ({ png, rgb, skip, where }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
      const hits: [number, number][] = [];
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const i = (y * width + x) * 4;
          const inPanel = x >= skip.x0 && x <= skip.x1 && y >= skip.y0 && y <= skip.y1;
          if (!inPanel && data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) hits.push([x, y]);
        }
      }
      if (hits.length === 0) return null;
      // The first circle's pixels: those near the first hit.
      const [fx, fy] = hits[0]!;
      if (where === 'first') return { x: fx, y: fy };
      const near = hits.filter(([x, y]) => Math.abs(x - fx) < 14 && Math.abs(y - fy) < 14);
      return { x: near.reduce((s, [x]) => s + x, 0) / near.length, y: near.reduce((s, [, y]) => s + y, 0) / near.length };
    },
    { png, rgb, skip, where },
  );
  return found && { x: box.x + found.x, y: box.y + found.y };
}
