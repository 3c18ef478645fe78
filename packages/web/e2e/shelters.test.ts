import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from './browser.ts';
import { startDemoServer, type RunningServer } from './server.ts';

const DEMO_PASSWORD = 'Yingji-demo-2026';
const CENTRAL = '永和镇中心避难场所（人民广场）';

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

const mapShows = (page: Page, code: string) =>
  page.waitForFunction((c) => window.__yingjiMapReady === true && document.body.dataset.mapArea === c, code);

/**
 * Where the map draws a pixel of exactly this colour (the middle of a circle), found by decoding a screenshot of
 * the map in the page itself: the WebGL canvas cannot be read back directly.
 */
async function pixelOf(page: Page, rgb: [number, number, number]): Promise<{ x: number; y: number } | null> {
  const map = page.getByTestId('map');
  const box = (await map.boundingBox())!;
  // The layer panel floats over the map and shows the same colours in its swatches: leave it out.
  const panel = (await page.getByTestId('layer-panel').boundingBox())!;
  const skip = {
    x0: panel.x - box.x,
    y0: panel.y - box.y,
    x1: panel.x - box.x + panel.width,
    y1: panel.y - box.y + panel.height,
  };
  const png = (await map.screenshot()).toString('base64');
  const found = await page.evaluate(
    async ({ png, rgb, skip }) => {
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
      const [fx, fy] = hits[0]!;
      const near = hits.filter(([x, y]) => Math.abs(x - fx) < 14 && Math.abs(y - fy) < 14);
      return { x: near.reduce((s, [x]) => s + x, 0) / near.length, y: near.reduce((s, [, y]) => s + y, 0) / near.length };
    },
    { png, rgb, skip },
  );
  return found && { x: box.x + found.x, y: box.y + found.y };
}

describe('shelters pages in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists shelters, opens one, counts occupants and edits it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, server.url, 'zhiban');
    await page.getByTestId('menu-shelters').click();
    const table = page.getByTestId('shelters-table');
    await table.getByText(CENTRAL).waitFor();
    await shot(page, 'shelters-01-list');

    await table.getByText(CENTRAL).click();
    const drawer = page.getByTestId('shelter-detail');
    await drawer.getByText('开放中').waitFor();
    await drawer.getByText('演示数据：本条为演示县生成的示例，并非真实场所').waitFor();
    await page.getByTestId('shelter-controls').locator('input').first().fill('120');
    await page.getByTestId('occupancy-set').click();
    await page.getByText('在住人数已登记').waitFor();
    expect(await page.getByTestId('shelter-occupancy').innerText()).toContain('120 /');
    await shot(page, 'shelters-02-detail-occupancy');

    // Full, then ten more arrive: the server refuses, and says why.
    const capacity = Number(/\/ (\d+)/.exec(await page.getByTestId('shelter-occupancy').innerText())![1]);
    await page.getByTestId('shelter-controls').locator('input').first().fill(String(capacity));
    await page.getByTestId('occupancy-set').click();
    await page.getByText(`${capacity} / ${capacity}`).waitFor();
    await drawer.getByRole('button', { name: '+ 到达' }).click();
    await page.getByText('在住人数不能超过避难场所的容纳人数').waitFor();
    await shot(page, 'shelters-03-over-capacity');

    await page.getByTestId('shelter-edit').click();
    await page.getByTestId('shelter-name').waitFor();
    expect(await page.getByTestId('shelter-name').inputValue()).toBe(CENTRAL);
    await page
      .getByTestId('shelter-capacity-preview')
      .getByText(/人（1.5 m²\/人/)
      .waitFor();
    await shot(page, 'shelters-04-edit');
    expect(errors).toEqual([]);
  });

  it('shows the coverage table, the targets and the duty-holders with their gaps', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, server.url, 'zhiban');

    await page.getByTestId('menu-shelter-coverage').click();
    const coverage = page.getByTestId('coverage-table');
    await coverage.getByText('上帅镇').waitFor();
    expect(await coverage.getByText('不足').count()).toBeGreaterThanOrEqual(3);
    expect(await coverage.getByText('达标').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'shelters-05-coverage');

    await page.getByTestId('menu-protection-targets').click();
    await page.getByTestId('targets-table').getByText('连山县人民医院').waitFor();
    await shot(page, 'shelters-06-targets');

    await page.getByTestId('menu-duty-holders').click();
    await page.getByTestId('duty-holders-table').getByText('三防责任人').first().waitFor();
    await shot(page, 'shelters-07-duty-holders');
    await page.getByRole('tab', { name: '未落实责任人的村' }).click();
    await page
      .getByTestId('duty-gaps')
      .getByText(/已落实 \d+ 个/)
      .waitFor();
    await shot(page, 'shelters-08-duty-gaps');
    expect(errors).toEqual([]);
  });

  it('draws shelters and the coverage colouring on 一张图, with popups', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, server.url, 'zhiban');
    await mapShows(page, '441825');
    await page.getByTestId('layer-toggle-shelter-coverage').click();
    await mapShows(page, '441825');
    await page.waitForTimeout(500);
    await shot(page, 'shelters-09-map-coverage');

    await page.getByTestId('area-switcher').locator('.ant-select').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '永和镇' }).first().click();
    await mapShows(page, '441825100');
    // The open shelter is the green circle (#52c41a).
    const open = await pixelOf(page, [0x52, 0xc4, 0x1a]);
    expect(open).not.toBeNull();
    await page.mouse.click(open!.x, open!.y);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    expect(await popup.innerText()).toContain('开放中');
    await shot(page, 'shelters-10-map-popup');
  });

  it('shows a township officer only their township’s entries', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, server.url, 'yonghe');
    await page.getByTestId('menu-shelters').click();
    const table = page.getByTestId('shelters-table');
    await table.getByText(CENTRAL).waitFor();
    expect(await table.getByText('吉田镇').count()).toBe(0);
    await page.getByTestId('menu-shelter-coverage').click();
    await page.getByTestId('coverage-table').getByText('永和镇').first().waitFor();
    expect(await page.getByTestId('coverage-table').getByText('吉田镇').count()).toBe(0);
    await shot(page, 'shelters-11-coverage-yonghe');
  });
});
