import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, shot, useDemo } from './pages.ts';

const VILLAGE = '永联村委会';

/** Picks 永联村 in an area tree select, by typing part of its name (the tree's list is virtual: far nodes are not drawn). */
async function pickVillage(page: Page, select: Locator) {
  await select.click();
  await page.keyboard.type('永联');
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: VILLAGE }).first().click();
}

describe('预警接收人 page in Chromium', () => {
  const demo = useDemo();

  it('lets a township officer add a resident with special needs, find them, and see the village’s 特殊群体', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await page.getByTestId('menu-warning-contacts').click();
    const table = page.getByTestId('contacts-table');
    await table.getByText('村干部').first().waitFor();
    await page.getByText('共 ').first().waitFor();
    await shot(page, 'contacts-01-list');

    await page.getByTestId('create-contact').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('contact-name').fill('覃测试');
    await page.getByTestId('contact-phone').fill('13900009876');
    await pickVillage(page, dialog.getByLabel('所在村'));
    await page.getByTestId('contact-special').click();
    await page.locator('.ant-select-item-option', { hasText: '独居/高龄老人' }).click();
    await dialog.getByLabel('转移责任人').fill('覃邻居');
    await dialog.getByLabel('责任人电话').fill('13900009875');
    await dialog.getByLabel('转移路线').fill('沿村道向东至村委会，约 400 米');
    await dialog.getByLabel('安置点').fill('永联村委会会议室');
    await shot(page, 'contacts-02-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新增接收人 覃测试').waitFor();

    await page.getByPlaceholder('姓名').fill('覃测试');
    await page.getByPlaceholder('姓名').press('Enter');
    await page.getByText('共 1 人').waitFor();
    const row = table.locator('tr', { hasText: '覃测试' });
    expect(await row.innerText()).toContain('13900009876');
    expect(await row.innerText()).toContain('独居/高龄老人');
    await shot(page, 'contacts-03-added');

    await page.getByRole('tab', { name: '特殊群体' }).click();
    const special = page.getByTestId('special-contacts');
    await pickVillage(page, special.getByLabel('特殊群体所在村'));
    const card = special.getByTestId('special-contact').filter({ hasText: '覃测试' });
    await card.waitFor();
    expect(await card.innerText()).toContain('永联村委会会议室');
    // The demo village has three more, each with their 转移责任人.
    expect(await special.getByTestId('special-contact').count()).toBe(4);
    await shot(page, 'contacts-04-special');
    expect(errors).toEqual([]);
  });

  it('shows a village 信息员 their own village’s 特殊群体 on a phone-sized screen', async () => {
    const { page, errors } = await demo.openPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, demo.server.url, 'xinxiyuan');
    await page.goto(`${demo.server.url}/warning-contacts`);
    // The shell's menu does not fold itself on a phone yet: fold it, as the officer would.
    await page.locator('.ant-layout-sider-trigger').click();
    await page.getByTestId('contacts-table').getByText('灾害信息员').first().waitFor();
    await shot(page, 'contacts-05-phone-list');
    await page.getByRole('tab', { name: '特殊群体' }).click();
    await page.getByTestId('special-contact').first().waitFor();
    expect(await page.getByTestId('special-contact').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'contacts-06-phone-special');
    expect(errors).toEqual([]);
  });
});
