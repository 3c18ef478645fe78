import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, mapShows, pixelOf, shot, useDemo } from './pages.ts';

/*
 * 监测预警 in Chromium against the built demo: the stations register and a station's chart, device credentials issued
 * once, readings pushed through the HTTP ingest endpoint as a device would, the alarm arriving live (banner, badge,
 * list), its acknowledgement, the map, and a township officer's view of only their township.
 */

/** 永和镇's water-level gauge in the demo: 警戒 215.5 m, 保证 217 m, 历史最高 218.2 m. */
const GAUGE = '连江永和水位站';
/** 吉田镇's gauge: 警戒 239.5 m, 保证 241 m, 历史最高 242.2 m. */
const OTHER_GAUGE = '吉田河吉田水位站';
const STATE_ONLINE: [number, number, number] = [0x2f, 0xa8, 0x4f];
const LEVEL_RED: [number, number, number] = [0xf5, 0x22, 0x2d];
const HOUR = 3_600_000;

interface Reading {
  metric: 'water_level_m' | 'rainfall_mm';
  value: number;
  at: string;
}

const level = (value: number, at = new Date()): Reading => ({ metric: 'water_level_m', value, at: at.toISOString() });

/** POST /api/ingest/readings with a station's device token, as a gauge's RTU does. */
async function push(url: string, token: string, readings: Reading[]): Promise<void> {
  const response = await fetch(`${url}/api/ingest/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  const body = (await response.json()) as { accepted: number; rejected: unknown[] };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toEqual([]);
}

/** A station's id and new credentials through the API, with the signed-in page's session (as its CSRF rules want). */
async function rotateByApi(page: Page, url: string, name: string): Promise<string> {
  const { csrfToken } = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string };
  const list = (await (await page.request.get(`${url}/api/monitoring/stations?q=${encodeURIComponent(name)}`)).json()) as {
    items: { id: string; name: string }[];
  };
  const station = list.items.find((s) => s.name === name)!;
  const response = await page.request.post(`${url}/api/monitoring/stations/${station.id}/credentials`, {
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { deviceToken: string }).deviceToken;
}

/**
 * Waits for antd's open/close animations of dialogs, drawers, pop-ups and banners to finish, so that screenshots show
 * them as people see them and clicks land where the button has come to rest. (A button's own loading-icon motion is
 * left out: it can stay marked active after the button is done.)
 */
const settled = (page: Page) =>
  page.waitForFunction(
    () =>
      [...document.querySelectorAll('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]')].every(
        (element) => element.getClientRects().length === 0 || element.closest('.ant-btn') !== null,
      ),
    undefined,
    { polling: 100 },
  );

const snap = async (page: Page, name: string) => {
  await settled(page);
  await shot(page, name);
};

const badgeCount = (page: Page) => page.getByTestId('alarm-badge').getAttribute('data-count');

describe('monitoring pages in Chromium', () => {
  const demo = useDemo();
  /** The 永和 gauge's device token, issued in the first test through the credentials dialog. */
  let gaugeToken = '';

  it('shows a station and its chart, raises an alarm live from pushed readings, and acknowledges it', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await expect.poll(() => badgeCount(page)).toBe('0');

    await page.getByTestId('menu-monitoring-stations').click();
    const table = page.getByTestId('stations-table');
    await table.getByText(GAUGE).waitFor();
    await snap(page, 'monitoring-01-stations');

    // 模板 / 导出: Excel files of the register, with the signed-in user's session.
    for (const button of ['stations-template', 'stations-export']) {
      const href = await page.getByTestId(button).getAttribute('href');
      const file = await page.request.get(`${demo.server.url}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain('spreadsheetml');
    }

    // 导入: two stations from the filled-in template; the device credentials of both are shown once, together.
    const template = await page.request.get(`${demo.server.url}/api/monitoring/stations/template.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.body()) as never);
    workbook.worksheets[0]!.addRow([
      'YH-IM-01',
      '永和镇导入雨量站一',
      '雨量站',
      '部门',
      '永和镇水利站',
      'RTU-IM-01',
      111.96,
      24.615,
    ]);
    workbook.worksheets[0]!.addRow([
      'YH-IM-02',
      '永和镇导入雨量站二',
      '雨量站',
      '部门',
      '永和镇水利站',
      'RTU-IM-02',
      111.965,
      24.62,
    ]);
    const file = path.join(os.tmpdir(), `yingji-stations-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(file);
    await page.locator('input[type=file]').setInputFiles(file);
    const imported = page.getByTestId('imported-credentials-dialog');
    await imported.getByText('已导入 2 个站点 — 设备凭据').waitFor();
    expect(await imported.getByRole('row').filter({ hasText: 'YH-IM-0' }).count()).toBe(2);
    await snap(page, 'monitoring-01a-imported-credentials');
    await page.getByTestId('imported-credentials-close').click();
    await table.getByText('永和镇导入雨量站二').waitFor();
    fs.rmSync(file);

    // A new rain gauge: coordinates typed into the shared location fields; its credentials are shown once.
    await page.getByTestId('create-station').click();
    await page.getByTestId('station-code').fill('YH-RG-99');
    await page.getByTestId('station-name').fill('永和镇上草村雨量站');
    await page.getByTestId('station-owner').fill('永和镇水利站');
    await page.getByTestId('station-devices').locator('input').fill('RTU-YH-99');
    await page.keyboard.press('Enter');
    await page.getByTestId('station-lon').fill('111.96');
    await page.getByTestId('station-lat').fill('24.61');
    await snap(page, 'monitoring-01b-create');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const created = page.getByTestId('credentials-dialog');
    await created.getByText('设备凭据 — YH-RG-99').waitFor();
    expect((await page.getByTestId('credential-mqtt-user').locator('code').innerText()).trim()).toBe('YH-RG-99');
    const rainToken = (await page.getByTestId('credential-token').locator('code').innerText()).trim();
    await snap(page, 'monitoring-01c-created-credentials');
    await page.getByTestId('credentials-close').click();
    await table.getByText('永和镇上草村雨量站').waitFor();

    // Three hours of rain every 10 minutes, under 20 mm in any hour (no alarm): bars of what fell, the sliding 1-hour
    // sum, and the 1-hour thresholds of the rainfall rule in force for the station.
    const rainStart = Date.now() - 3 * HOUR;
    const rain = Array.from({ length: 18 }, (_, i) => ({
      metric: 'rainfall_mm' as const,
      value: [1, 2, 3][i % 3]!,
      at: new Date(rainStart + i * 10 * 60_000).toISOString(),
    }));
    await push(demo.server.url, rainToken, rain);
    await table.getByText('永和镇上草村雨量站').click();
    const rainChart = page.getByTestId('station-detail').getByTestId('station-chart');
    await expect.poll(async () => Number(await rainChart.getAttribute('data-points'))).toBe(18);
    expect(await rainChart.getAttribute('data-thresholds')).toBe('1小时蓝色,1小时橙色');
    await rainChart.scrollIntoViewIfNeeded();
    await snap(page, 'monitoring-01d-rainfall-chart');
    await page.keyboard.press('Escape');

    // 站点类型 filter: only the three water-level gauges remain.
    await page.getByTestId('stations-kind-filter').click();
    await page.locator('.ant-select-item-option', { hasText: '水位站' }).click();
    await expect.poll(() => table.getByTestId('station-row').count()).toBe(3);
    await table.getByText(OTHER_GAUGE).waitFor();

    await table.getByText(GAUGE).click();
    const drawer = page.getByTestId('station-detail');
    await drawer.getByText('警戒 215.5 m · 保证 217 m · 历史最高 218.2 m').waitFor();
    await drawer.getByTestId('station-chart-empty').waitFor();
    await snap(page, 'monitoring-02-station-detail');

    // New credentials, shown once, with the warning; the token is what the gauge will send.
    await page.getByTestId('station-rotate').click();
    await settled(page);
    await page.getByTestId('station-rotate-confirm').click();
    const dialog = page.getByTestId('credentials-dialog');
    await dialog.getByText('凭据只显示这一次').waitFor();
    gaugeToken = (await page.getByTestId('credential-token').locator('code').innerText()).trim();
    expect(gaugeToken.length).toBeGreaterThan(20);
    await snap(page, 'monitoring-03-credentials');
    await page.getByTestId('credentials-close').click();
    await dialog.getByText('凭据只显示这一次').waitFor({ state: 'hidden' });

    // Six hours of a slowly rising river, below 警戒 − 0.5 m: no alarm. The chart follows the pushed readings.
    const now = Date.now();
    const history = Array.from({ length: 18 }, (_, i) => level(212 + i * 0.15, new Date(now - 6 * HOUR + i * 20 * 60_000)));
    await push(demo.server.url, gaugeToken, history);
    const chart = drawer.getByTestId('station-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBe(18);
    expect(await chart.getAttribute('data-thresholds')).toBe('警戒水位,保证水位,历史最高水位');
    await drawer.getByTestId('station-latest').getByText('214.55 m').waitFor();
    await chart.scrollIntoViewIfNeeded();
    await snap(page, 'monitoring-04-chart-24h');
    await drawer.getByTestId('chart-range').getByText('近7天').click();
    // 7 days: the hourly statistics of the same readings.
    await expect
      .poll(async () =>
        Number(await drawer.locator('[data-testid="station-chart"][data-range="7d"]').getAttribute('data-points')),
      )
      .toBeGreaterThan(0);
    await snap(page, 'monitoring-05-chart-7d');
    await drawer.getByTestId('chart-range').getByText('近24小时').click();

    // 保证水位 reached: an orange alarm arrives live — banner with the station and level, tone, badge.
    await push(demo.server.url, gaugeToken, [level(217.3)]);
    const banner = page.getByTestId('alarm-banner');
    await banner.getByText(`橙色告警 · ${GAUGE}`).waitFor();
    const body = banner.getByTestId('alarm-banner-body');
    expect(await body.getAttribute('data-level')).toBe('orange');
    await expect.poll(() => body.getAttribute('data-sound')).toBe('played');
    await expect.poll(() => badgeCount(page)).toBe('1');
    await drawer.getByTestId('station-active-alarm').waitFor();
    await snap(page, 'monitoring-06-banner-orange');

    // Above the historic maximum: the same alarm escalates to red, and its banner turns red.
    await push(demo.server.url, gaugeToken, [level(218.5)]);
    await banner.getByText(`红色告警 · ${GAUGE}`).waitFor();
    expect(await body.getAttribute('data-level')).toBe('red');
    await body.getByText('由橙色升级为红色').waitFor();
    expect(await banner.count()).toBe(1);
    expect(await badgeCount(page)).toBe('1');
    await snap(page, 'monitoring-07-banner-red');

    // The banner's link opens the alarm: level history, the link points, acknowledgement.
    await banner.getByTestId('alarm-banner-open').click();
    const detail = page.getByTestId('alarm-detail');
    await detail.getByTestId('alarm-history').getByText('升级 橙色 → 红色').waitFor();
    await detail.getByTestId('alarm-history').getByText('发生 橙色').waitFor();
    expect(await detail.getByTestId('alarm-detail-level').getAttribute('data-level')).toBe('red');
    await page.getByTestId('alarms-table').getByText(GAUGE).waitFor();
    await snap(page, 'monitoring-08-alarm-detail');

    // 转为事件 waits for E6; 转为预警 opens the composer (packages/web/e2e/warnings.test.ts follows it there).
    await detail.getByTestId('alarm-to-incident').click();
    await detail
      .getByTestId('alarm-link-error')
      .getByText(/尚未启用/)
      .waitFor();
    await snap(page, 'monitoring-09-to-incident-unavailable');

    await detail.getByTestId('alarm-ack').click();
    const ack = page.getByTestId('ack-dialog');
    await ack.getByRole('button', { name: '确认告警' }).click();
    await ack.getByText('请填写处置说明').waitFor();
    await page.getByTestId('ack-note').fill('已电话通知永和镇水利站现场核查，沿河群众准备转移');
    await snap(page, 'monitoring-10-ack-dialog');
    await ack.getByRole('button', { name: '确认告警' }).click();
    await detail
      .getByTestId('alarm-ack-info')
      .getByText(/zhiban 于 .* 确认：已电话通知永和镇水利站/)
      .waitFor();
    await detail.getByTestId('alarm-history').getByText('确认').waitFor();
    await expect.poll(() => badgeCount(page)).toBe('0');
    await snap(page, 'monitoring-11-acknowledged');
    await page.keyboard.press('Escape');
    await page.getByTestId('alarms-table').getByTestId('alarm-acked').waitFor();
    await snap(page, 'monitoring-12-alarm-list');

    // 一张图: the gauge is green (online) inside a red ring (its alarm); a click gives the popup and the station panel.
    await page.getByTestId('menu-map').click();
    await mapShows(page, '441825');
    const ring = await pixelOf(page, LEVEL_RED);
    expect(ring).not.toBeNull();
    const centre = await pixelOf(page, STATE_ONLINE);
    expect(centre).not.toBeNull();
    // The green dot lies within the ring (radius 7 + 4 px; pixelOf's centroid of a ring leans towards its first pixel).
    expect(Math.hypot(centre!.x - ring!.x, centre!.y - ring!.y)).toBeLessThan(11);
    await page.mouse.click(ring!.x, ring!.y);
    const popup = page.getByTestId('map-popup');
    await popup.getByText(GAUGE).waitFor();
    expect(await popup.innerText()).toContain('红色告警');
    expect(await popup.innerText()).toContain('218.5 m');
    const panel = page.getByTestId('station-panel');
    await panel.getByTestId('station-chart').waitFor();
    await snap(page, 'monitoring-13-map');
    expect(errors).toEqual([]);
  });

  it('shows a township officer only their township’s stations and alarms, live as well', async () => {
    // The county duty officer gives 吉田镇's gauge a token (through the API this time).
    const duty = await demo.browser.newPage();
    await logIn(duty, demo.server.url, 'zhiban');
    const otherToken = await rotateByApi(duty, demo.server.url, OTHER_GAUGE);
    await duty.close();

    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await page.getByTestId('menu-monitoring-stations').click();
    const table = page.getByTestId('stations-table');
    await table.getByText(GAUGE).waitFor();
    const areas = await table.locator('tr.ant-table-row > td:nth-child(5)').allInnerTexts();
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) expect(area).toContain('永和镇');
    expect(await table.getByText(OTHER_GAUGE).count()).toBe(0);
    await snap(page, 'monitoring-14-yonghe-stations');

    await page.getByTestId('menu-monitoring-alarms').click();
    const alarms = page.getByTestId('alarms-table');
    await alarms.getByText(GAUGE).waitFor();

    // Live: 吉田镇's gauge goes red first, then 永和's recovers and rises again. Events arrive in order, so when the
    // 永和 banner is on screen the 吉田 one would have been too, had it been sent to this officer.
    await push(demo.server.url, otherToken, [level(242.5)]);
    await push(demo.server.url, gaugeToken, [level(211)]);
    await push(demo.server.url, gaugeToken, [level(217.5)]);
    const banner = page.getByTestId('alarm-banner');
    await banner.getByText(`橙色告警 · ${GAUGE}`).waitFor();
    expect(await banner.getByText(OTHER_GAUGE).count()).toBe(0);
    await expect.poll(() => alarms.getByTestId('alarm-row').count()).toBe(1);
    expect(await alarms.getByText(OTHER_GAUGE).count()).toBe(0);
    await page.getByTestId('alarms-state-filter').locator('.ant-select-clear').click();
    await expect.poll(() => alarms.getByTestId('alarm-row').count()).toBe(2);
    expect(await alarms.getByText(OTHER_GAUGE).count()).toBe(0);
    await snap(page, 'monitoring-15-yonghe-alarms');

    // The county sees both townships' alarms.
    const county = await demo.browser.newPage();
    await logIn(county, demo.server.url, 'zhiban');
    const all = (await (await county.request.get(`${demo.server.url}/api/alarms?state=active`)).json()) as {
      items: { stationName: string }[];
    };
    expect(all.items.map((a) => a.stationName).sort()).toEqual([GAUGE, OTHER_GAUGE].sort());
    await county.close();
    expect(errors).toEqual([]);
  });
});
