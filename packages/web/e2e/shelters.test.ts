import { describe, expect, it } from 'vitest';
import { logIn, mapShows, pixelOf, shot, useDemo } from './pages.ts';

const CENTRAL = '永和镇中心避难场所（人民广场）';

describe('shelters pages in Chromium', () => {
  const demo = useDemo();

  it('lists shelters, opens one, counts occupants and edits it', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
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

    // 地图选点: the picker opens on the shelter's own point; a click elsewhere moves it into the form.
    const lon = page.getByTestId('shelter-lon');
    const lonBefore = await lon.inputValue();
    await page.getByTestId('location-pick').click();
    const picker = page.getByTestId('location-picker-map');
    await page.locator('[data-testid="location-picker-map"][data-ready="true"]').waitFor();
    const box = (await picker.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.5);
    await expect.poll(() => page.getByTestId('location-picker-point').innerText()).toMatch(/^已选：经度 1\d\d\.\d{6}/);
    await shot(page, 'shelters-05-location-picker');
    await page.getByTestId('location-picker-ok').click();
    await expect.poll(() => picker.count()).toBe(0);
    expect(await lon.inputValue()).not.toBe(lonBefore);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    expect(errors).toEqual([]);
  });

  it('shows the coverage table, the targets and the duty-holders with their gaps', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');

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
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
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
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
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
