import { pointOnFeature } from '@turf/turf';
import ExcelJS from 'exceljs';
import type { Feature } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, shot, useDemo } from './pages.ts';

const YONGLIAN = '441825100201'; // 永联村, 永和镇
const ROWS = 1_005;

/** A workbook of the register's own template headers, then the rows. */
async function sheet(page: Page, url: string, template: string, rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await (await page.request.get(`${url}${template}`)).body()) as unknown as ArrayBuffer);
  const headers = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
  const out = new ExcelJS.Workbook();
  const ws = out.addWorksheet('导入');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await out.xlsx.writeBuffer());
}

/** Imports through the API with the page's session, as the Excel button does. */
async function upload(page: Page, url: string, path: string, file: Buffer): Promise<unknown> {
  const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string };
  const res = await page.request.post(`${url}${path}`, {
    data: file,
    headers: {
      'x-csrf-token': me.csrfToken,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
  return res.json();
}

// A register past 1,000 rows counts to 1,000 and says so; the pager still reaches the rows beyond.
describe('register lists past 1,000 rows in Chromium', () => {
  const demo = useDemo();

  it('shows "1000 条以上" for teams and shelters, and pages past the counted rows', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    const villages = (await (await page.request.get(`${demo.server.url}/api/areas/geojson?levels=village`)).json()) as {
      features: Feature[];
    };
    const [lon, lat] = pointOnFeature(villages.features.find((f) => f.properties?.code === YONGLIAN)!).geometry.coordinates;

    const teams = Array.from({ length: ROWS }, (_, i) => [
      `批量村级队${i}`,
      '志愿者',
      '村级',
      null,
      null,
      lon,
      lat,
      '覃队长',
      13800138000,
    ]);
    const teamFile = await sheet(page, demo.server.url, '/api/rescue/teams/template.xlsx', teams);
    expect(await upload(page, demo.server.url, '/api/rescue/teams/import', teamFile)).toEqual({ imported: ROWS });
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('menu-rescue-teams').click();
    const capped = page.getByText('1000 条以上');
    await capped.waitFor();
    await capped.scrollIntoViewIfNeeded();
    await shot(page, 'register-lists-01-teams-capped');
    // The pager lets one go to the page after the counted rows; its rows are there.
    // 1,008 teams in 永和镇 (the demo's 3 and these 1,005), 20 a page: the counted 1,000 make 50 pages; on page 50
    // more rows follow, so page 51 appears, holding the last 8.
    const last = page.locator('.ant-pagination-item').last();
    expect(await last.getAttribute('title')).toBe('50');
    await last.click();
    await page.locator('.ant-pagination-item[title="51"]').click();
    await page.locator('.ant-pagination-item-active[title="51"]').waitFor();
    await page.getByText('批量村级队999').waitFor();
    expect(await page.locator('.ant-pagination-item[title="52"]').count()).toBe(0);
    await shot(page, 'register-lists-02-teams-last-page');

    const shelters = Array.from({ length: ROWS }, (_, i) => [
      `批量避难点${i}`,
      '室外',
      '固定',
      500,
      '',
      '覃一',
      13800138000,
      '',
      lon,
      lat,
      '',
    ]);
    const shelterFile = await sheet(page, demo.server.url, '/api/shelters/template.xlsx', shelters);
    expect(await upload(page, demo.server.url, '/api/shelters/import', shelterFile)).toEqual({ imported: ROWS });
    await page.getByTestId('menu-shelters').click();
    await page.getByText('1000 条以上').waitFor();
    await page.getByText('1000 条以上').scrollIntoViewIfNeeded();
    await shot(page, 'register-lists-03-shelters-capped');
    // A name search narrows it to an exact count again.
    await page.getByPlaceholder('名称', { exact: true }).fill('批量避难点100');
    await page.getByPlaceholder('名称', { exact: true }).press('Enter');
    await page.getByText('共 6 处').waitFor();
    expect(await page.getByText('1000 条以上').count()).toBe(0);
    await shot(page, 'register-lists-04-shelters-search');
    expect(errors).toEqual([]);
  });
});
