import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from './browser.ts';
import { startDemoServer, type RunningServer } from './server.ts';

const DEMO_PASSWORD = 'Yingji-demo-2026';
const COUNTY_DEPOT = '连山县应急物资储备库（演示）';

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

/** Where the map draws a pixel of exactly this colour (the middle of a circle), outside the layer panel. */
async function pixelOf(page: Page, rgb: [number, number, number]): Promise<{ x: number; y: number } | null> {
  const map = page.getByTestId('map');
  const box = (await map.boundingBox())!;
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

describe('supplies pages in Chromium', () => {
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

  it('shows the catalogue, the warehouses and the ledger, and posts an 出库', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, server.url, 'zhiban');

    await page.getByTestId('menu-supply-kinds').click();
    await page.getByTestId('kinds-table').getByRole('cell', { name: '救灾帐篷', exact: true }).waitFor();
    await shot(page, 'supplies-01-kinds');

    await page.getByTestId('menu-supply-warehouses').click();
    const warehouses = page.getByTestId('warehouses-table');
    await warehouses.getByText(COUNTY_DEPOT.replace('（演示）', '')).waitFor();
    expect(await warehouses.getByText('演示').count()).toBeGreaterThanOrEqual(6);
    await shot(page, 'supplies-02-warehouses');

    await page.getByTestId('menu-supply-ledger').click();
    const stock = page.getByTestId('warehouse-stock-table');
    await stock.getByText('救灾帐篷').waitFor();
    await stock.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('movements-table').getByText('验收入库').first().waitFor();
    await shot(page, 'supplies-03-ledger');

    await page.getByTestId('open-issue').click();
    await page.getByTestId('issue-reference').fill('SJ-E2E-001');
    await page.getByTestId('issue-kind').click();
    await page.keyboard.type('棉被');
    await page.locator('.ant-select-item-option', { hasText: '棉被' }).first().click();
    await page.locator('input[data-testid="issue-quantity"], [data-testid="issue-quantity"] input').first().fill('5');
    await shot(page, 'supplies-04-issue-dialog');
    await page.getByRole('button', { name: '出 库' }).click();
    await page.getByTestId('movements-table').getByText('SJ-E2E-001').first().waitFor();

    // Beyond the stock: the server refuses with its Chinese message, the dialog stays open.
    await page.getByTestId('open-issue').click();
    await page.getByTestId('issue-reference').fill('SJ-E2E-002');
    await page.getByTestId('issue-kind').click();
    await page.keyboard.type('棉被');
    await page.locator('.ant-select-item-option', { hasText: '棉被' }).first().click();
    await page.locator('input[data-testid="issue-quantity"], [data-testid="issue-quantity"] input').first().fill('99999');
    await page.getByRole('button', { name: '出 库' }).click();
    await page
      .getByTestId('stock-dialog-error')
      .getByText(/库存不足/)
      .waitFor();
    await shot(page, 'supplies-05-issue-refused');
    expect(errors).toEqual([]);
  });

  it('approves a transfer as another person and shows the 物资预警 dashboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, server.url, 'lingdao');
    await page.getByTestId('menu-supply-transfers').click();
    const table = page.getByTestId('transfers-table');
    await table.getByText('待审批').waitFor();
    await table.getByText('在途').waitFor();
    await table.locator('.ant-table-row-expand-icon').first().click();
    await shot(page, 'supplies-06-transfers');
    await table.getByTestId('transfer-approve').first().click();
    await page.getByTestId('decision-note').fill('同意调拨');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '批 准' }).click();
    await page.getByText(/调拨单已批准/).waitFor();
    await table.getByText('已批准').waitFor();
    await shot(page, 'supplies-07-transfer-approved');

    await page.getByTestId('menu-supply-alerts').click();
    await page.getByTestId('expiring-table').locator('.ant-table-row').first().waitFor();
    await page
      .getByTestId('shortfall-table')
      .getByText(/上帅镇/)
      .first()
      .waitFor();
    await shot(page, 'supplies-08-alerts');
    expect(errors).toEqual([]);
  });

  it('draws the warehouses on 一张图 with a popup of keeper and main stock', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, server.url, 'zhiban');
    await mapShows(page, '441825');
    // Other registers' circles stand near the county seat too; leave only the warehouses clickable.
    for (const other of ['shelters', 'protection-targets', 'rescue-teams'])
      await page.getByTestId(`layer-toggle-${other}`).click();
    await page.waitForTimeout(800);
    await shot(page, 'supplies-09-map');
    // The county reserve is the large purple circle (#531dab).
    const depot = await pixelOf(page, [0x53, 0x1d, 0xab]);
    expect(depot).not.toBeNull();
    await page.mouse.click(depot!.x, depot!.y);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    const text = await popup.innerText();
    expect(text).toContain('县级储备库');
    expect(text).toContain('主要库存');
    await shot(page, 'supplies-10-map-popup');
  });

  it('shows a township officer only the warehouses of their township', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, server.url, 'yonghe');
    await page.getByTestId('menu-supply-warehouses').click();
    const table = page.getByTestId('warehouses-table');
    await table.getByText('永和镇应急物资储备点').waitFor();
    expect(await table.getByText('连山县应急物资储备库').count()).toBe(0);
    expect(await table.getByText('吉田镇').count()).toBe(0);
    await shot(page, 'supplies-11-warehouses-yonghe');
  });
});
