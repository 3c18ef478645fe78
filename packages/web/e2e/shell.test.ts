import { describe, expect, it } from 'vitest';
import { logIn, mapShows, shot, useDemo } from './pages.ts';
import { ADMIN_PASSWORD } from './server.ts';

describe('web shell in Chromium', () => {
  const demo = useDemo();

  it('logs in, shows the county on the map, and switches to a township', async () => {
    const { page, errors } = await demo.openPage();
    await page.goto(demo.server.url);
    await page.getByTestId('login-submit').waitFor();
    await shot(page, '01-login');

    await logIn(page, demo.server.url, 'zhiban');
    await mapShows(page, '441825');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('open');
    await shot(page, '02-map-county');

    await page.getByTestId('area-switcher').locator('.ant-select').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '永和镇' }).first().click();
    await mapShows(page, '441825100');
    await shot(page, '03-map-yonghe');
    expect(errors).toEqual([]);
  });

  it('offers a township officer only their township', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await mapShows(page, '441825100');
    await page.getByTestId('area-switcher').locator('.ant-select').click();
    const options = page.locator('.ant-select-dropdown .ant-select-tree-node-content-wrapper');
    await options.first().waitFor();
    const titles = await options.allInnerTexts();
    expect(titles[0]).toContain('永和镇');
    expect(titles.join(' ')).not.toContain('吉田镇');
    await expect.poll(() => page.getByTestId('menu-users').count()).toBe(0);
  });

  it('shows the areas, users and audit pages to the administrator', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('menu-areas').click();
    await page.getByTestId('area-children').getByText('永和镇').first().waitFor();
    await shot(page, '04-areas');
    await page.getByTestId('menu-users').click();
    await page.getByText('yonghe').first().waitFor();
    await shot(page, '05-users');
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-verify').click();
    await page.getByText(/已校验 \d+ 条记录，未发现篡改/).waitFor();
    await shot(page, '06-audit');
  });
});
