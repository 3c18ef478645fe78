import { describe, expect, it } from 'vitest';
import { logIn, pixelOf, shot, useDemo } from './pages.ts';

describe('rescue pages in Chromium', () => {
  const demo = useDemo();

  it('lists teams with filters, opens a team with its members and equipment, and edits it', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-rescue-teams').click();
    const table = page.getByTestId('teams-table');
    await table.getByText('连山县机动综合应急救援队伍').waitFor();
    await shot(page, 'rescue-01-teams');

    await page.getByTestId('filter-type').click();
    await page.locator('.ant-select-item-option', { hasText: '森林消防' }).click();
    await page.getByText('共 7 支队伍').waitFor();
    await shot(page, 'rescue-02-teams-forest');

    await table.getByText('连山县森林消防专业队').click();
    const drawer = page.getByTestId('team-detail');
    await drawer.getByText('队员（16 人）').waitFor();
    await drawer.getByText('森林消防水罐车').first().waitFor();
    await shot(page, 'rescue-03-team-detail');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    await table.locator('tr', { hasText: '连山县森林消防专业队' }).locator('.anticon-edit').click();
    await page.getByTestId('team-name').waitFor();
    expect(await page.getByTestId('team-name').inputValue()).toBe('连山县森林消防专业队');
    await shot(page, 'rescue-04-team-edit');
    expect(errors).toEqual([]);
  });

  it('shows the standards report, the expert search and equipment due for maintenance', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');

    await page.getByTestId('menu-rescue-standards').click();
    const standards = page.getByTestId('standards-table');
    await standards.getByText('禾洞镇综合应急救援队').waitFor();
    expect(await standards.getByText('太保镇综合应急救援队').count()).toBe(1);
    await page
      .getByTestId('certificates-table')
      .getByText(/已过期/)
      .first()
      .waitFor();
    await shot(page, 'rescue-05-standards');

    await page.getByTestId('menu-rescue-experts').click();
    await page.getByTestId('experts-table').getByText('连山县水利局').first().waitFor();
    await page.getByTestId('filter-field').click();
    await page.locator('.ant-select-item-option', { hasText: '医疗救护' }).click();
    await page.getByText('共 2 位专家').waitFor();
    await shot(page, 'rescue-06-experts-medical');

    await page.getByTestId('menu-rescue-equipment').click();
    await page.getByTestId('equipment-table').getByText('应急指挥车').first().waitFor();
    await shot(page, 'rescue-07-equipment');
    await page.getByTestId('tab-maintenance-due').click();
    await page
      .getByTestId('maintenance-due-table')
      .getByText(/逾期|天后到期/)
      .first()
      .waitFor();
    await shot(page, 'rescue-08-maintenance-due');
    expect(errors).toEqual([]);
  });

  it('draws teams on 一张图 coloured by duty state, with a popup', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.waitForFunction(() => window.__yingjiMapReady === true && document.body.dataset.mapArea === '441825');
    await shot(page, 'rescue-09-map-teams');
    // In the township view the teams no longer overlap.
    await page.getByTestId('area-switcher').locator('.ant-select').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '小三江镇' }).first().click();
    await page.waitForFunction(() => window.__yingjiMapReady === true && document.body.dataset.mapArea === '441825109');
    // 出动 (deployed) teams are red: the demo's 小三江镇综合应急救援队.
    const red = await pixelOf(page, [0xcf, 0x13, 0x22]);
    expect(red).not.toBeNull();
    await page.mouse.click(red!.x, red!.y);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    expect(await popup.innerText()).toContain('出动');
    await shot(page, 'rescue-10-map-popup');
  });

  it('offers a township officer only their township’s teams', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await page.getByTestId('menu-rescue-teams').click();
    const table = page.getByTestId('teams-table');
    await table.getByText('永和镇综合应急救援队').waitFor();
    expect(await table.getByText('吉田镇').count()).toBe(0);
    // The county's own teams, based in the county seat, are shown but kept by the county.
    expect(await table.locator('tr', { hasText: '连山县机动综合应急救援队伍' }).locator('.anticon-edit').count()).toBe(0);
    expect(await table.locator('tr', { hasText: '永和镇综合应急救援队' }).locator('.anticon-edit').count()).toBe(1);
    await shot(page, 'rescue-11-teams-yonghe');
  });
});
