import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, mapShows, pixelOf, shot, useDemo } from './pages.ts';

/*
 * 预警发布 in Chromium against the built demo: the duty officer drafts a 暴雨橙色预警 for 永和镇 from the template and
 * submits it; the bureau leader finds it in the approval inbox, approves and signs it (the drafter may do neither);
 * the delivery board lists the township's villages and fills up as the demo's SMS stand-in reports receipts; the
 * 永联村 officer confirms on a phone; the public page and 一张图 show the warning in orange. Last, an alarm becomes a
 * pre-filled draft whose area is a circle drawn on the map.
 */

const TOWNSHIP = '永和镇';
/** 永和镇's water-level gauge in the demo: 警戒 215.5 m, 保证 217 m. */
const GAUGE = '连江永和水位站';
const VILLAGE = '永联村';
const VILLAGE_CODE = '441825100201';
const HEADLINE = '连山县暴雨橙色预警：永和镇未来6小时有强降雨';
/** 二级（橙色）, exactly as the map draws the outline of an orange warning (LEVEL_COLORS.orange). */
const ORANGE: [number, number, number] = [0xff, 0x7a, 0x00];

/**
 * Waits until no finite CSS animation or transition is running (antd's dialogs, drawers, tabs and banners), so a
 * screenshot shows the page at rest and a click lands where the button has come to stay. Endless ones (spinners, an
 * active progress bar) are left out.
 */
const atRest = (page: Page) =>
  page.waitForFunction(
    () =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { polling: 100 },
  );

const snap = async (page: Page, name: string) => {
  await atRest(page);
  await shot(page, name);
};

/** Picks an option of the antd Select with this test id. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-item-option:visible', { hasText: option }).first().click();
}

/** Ticks an area in the composer's area tree, found by searching its name. */
async function pickArea(page: Page, name: string): Promise<void> {
  const select = page.getByTestId('warning-areas');
  await select.click();
  await select.locator('input').fill(name);
  await page.locator('.ant-select-tree-treenode:visible', { hasText: name }).locator('.ant-select-tree-checkbox').first().click();
  await page.keyboard.press('Escape');
}

describe('warning pages in Chromium', () => {
  const demo = useDemo();
  let warningPath = '';

  it('drafts an orange rainstorm warning from the template for one township and submits it', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-warnings').click();
    await page.getByTestId('warnings-table').waitFor();
    await page.getByTestId('warning-new').click();
    const composer = page.getByTestId('warning-composer');
    await composer.waitFor();
    await page.locator('[data-testid="target-map"][data-ready="true"]').waitFor();

    // Hazard and level fill headline, text and guidance from the template.
    await choose(page, 'warning-hazard', '暴雨');
    await page.getByTestId('warning-level').getByText('二级（橙色）').click();
    await expect.poll(() => page.getByTestId('warning-headline').inputValue()).toContain('暴雨橙色预警');
    expect(await page.getByTestId('warning-instruction').inputValue()).toContain('防御暴雨');
    // The demo's SMS gateway is a stand-in on this machine, but configured: nothing greyed, nothing said to wait.
    expect(await page.locator('[data-channel="sms"]').getAttribute('data-configured')).toBe('true');
    expect(await composer.getByText('尚未配置：消息将排队等待').count()).toBe(0);
    // 大喇叭 too: its audio is made at publication and can be played on the warning's page.
    await page.locator('[data-channel="broadcast"]').check();

    // A triangle drawn in the north-east corner of the map lies outside the county: the server says why, by the form.
    // (The zoom buttons sit in the north-west corner.)
    const map = (await page.getByTestId('target-map').boundingBox())!;
    const east = map.x + map.width;
    await page.getByTestId('draw-polygon').click();
    await page.mouse.click(east - 60, map.y + 15);
    await page.mouse.click(east - 15, map.y + 15);
    await page.mouse.dblclick(east - 15, map.y + 50);
    await page.getByTestId('draw-hint').getByText('已画多边形（3 个顶点）').waitFor();
    await page.getByTestId('warning-headline').fill(HEADLINE);
    await page.getByTestId('composer-save').click();
    const refusal = page.getByTestId('composer-error');
    await refusal.getByText(/（WARNING_[A-Z_]+）/).waitFor();
    await snap(page, 'warnings-01-composer-refused');

    // The township from the tree instead; the map shades it.
    await page.getByTestId('draw-clear').click();
    await pickArea(page, TOWNSHIP);
    await composer.locator('.ant-select-selection-item', { hasText: TOWNSHIP }).waitFor();
    await snap(page, 'warnings-02-composer');

    await page.getByTestId('composer-submit').click();
    const detail = page.getByTestId('warning-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('reviewing');
    expect(await page.getByTestId('warning-banner').getAttribute('data-level')).toBe('orange');
    await page.getByTestId('warning-target').getByText(TOWNSHIP).waitFor();
    // The drafter may review warnings, but never their own.
    await page.getByText('本预警由您起草，须由其他人审核').waitFor();
    expect(await page.getByTestId('warning-approve').count()).toBe(0);
    await page.getByTestId('warning-history').getByText('提交审核').waitFor();
    warningPath = new URL(page.url()).pathname;
    await snap(page, 'warnings-03-submitted');
    expect(errors).toEqual([]);
  });

  it('lets the leader approve and sign it from the inbox, and shows the delivery board', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'lingdao');
    await page.getByTestId('menu-warnings').click();
    const inboxTab = page.getByTestId('warnings-inbox-tab');
    await expect.poll(() => inboxTab.getAttribute('data-count')).toBe('1');
    await inboxTab.click();
    await page.getByTestId('warnings-table').getByText('待我审核').waitFor();
    await snap(page, 'warnings-04-inbox');
    await page.getByTestId('warnings-table').getByText(HEADLINE).click();

    const detail = page.getByTestId('warning-detail');
    await page.getByTestId('warning-approve').click();
    await page.getByTestId('warning-opinion').fill('同意，请按程序签发');
    await page.getByTestId('warning-step-ok').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('approved');

    await page.getByTestId('warning-sign').click();
    await page.getByTestId('warning-step-ok').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('published');
    // The in-app live notice that every browser in the county gets.
    await page.getByTestId('warning-notice-title').getByText('已发布 暴雨橙色预警').waitFor();
    await page.getByTestId('warning-history').getByText('签发发布').waitFor();
    await page.getByTestId('warning-cap').waitFor();
    const cap = await page.request.get(`${demo.server.url}${await page.getByTestId('warning-cap').getAttribute('href')}`);
    expect(cap.status()).toBe(200);
    expect(await cap.text()).toContain('<msgType>Alert</msgType>');
    // The 大喇叭 audio plays in the page: the browser reads its length from the file the server made with espeak-ng.
    const seconds = await page.getByTestId('warning-audio').evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => resolve(-1), { once: true });
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(seconds).toBeGreaterThan(3);
    await snap(page, 'warnings-05-published');

    await page.getByTestId('warning-board-tab').click();
    const villages = page.getByTestId('village-table');
    await villages.getByText(VILLAGE).waitFor();
    expect(await villages.getByTestId('village-row').count()).toBeGreaterThan(1);
    // The messages go out through the demo's SMS gateway: receipts come back and the coverage climbs, live.
    await expect
      .poll(async () => Number(await page.getByTestId('board-coverage').getAttribute('data-value')))
      .toBeGreaterThan(0.5);
    await page.getByTestId('deliveries-table').locator('[data-state="delivered"]').first().waitFor();
    expect(await page.getByTestId('channel-not-configured').count()).toBe(0);
    await snap(page, 'warnings-06-board');
    expect(errors).toEqual([]);
  });

  it('lets the village officer confirm on a phone, live on the board', async () => {
    const { page: board, errors: boardErrors } = await demo.openPage();
    await logIn(board, `${demo.server.url}${warningPath}/board`, 'lingdao');
    const row = board.locator(`[data-testid="village-row"][data-village="${VILLAGE_CODE}"]`);
    await row.getByText('尚未落实').waitFor();

    const phone = await demo.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    phone.on('pageerror', (error) => errors.push(error.message));
    await logIn(phone, `${demo.server.url}/m/warnings`, 'xinxiyuan');
    const card = phone.getByTestId('warning-card');
    await card.getByText(HEADLINE).waitFor();
    const panel = phone.locator(`[data-testid="village-panel"][data-village="${VILLAGE_CODE}"]`);
    await panel.getByTestId('confirm-notified').waitFor();
    await snap(phone, 'warnings-07-phone');

    await panel.getByTestId('confirm-notified').tap();
    await panel.getByTestId('confirm-transfer').tap();
    await panel.getByTestId('confirm-transferred').fill('12');
    await panel.getByTestId('confirm-note').fill('已逐户通知沿河 12 户，已转移至村委会安置点');
    await snap(phone, 'warnings-08-phone-filled');
    await panel.getByTestId('confirm-submit').tap();
    await expect.poll(() => panel.getAttribute('data-confirmed')).toBe('true');
    await panel
      .getByTestId('village-status')
      .getByText(/已传达、已转移，转移 12 人/)
      .waitFor();
    // Nothing wider than the phone: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(phone, 'warnings-09-phone-confirmed');

    // The leader's board follows without a reload.
    await row.getByText(/已传达、已转移，转移 12 人/).waitFor();
    await snap(board, 'warnings-10-board-confirmed');
    expect(errors).toEqual([]);
    expect(boardErrors).toEqual([]);
  });

  it('shows the warning on the public page without logging in, and as an orange area on 一张图', async () => {
    for (const [name, viewport] of [
      ['warnings-11-public', { width: 1440, height: 900 }],
      ['warnings-12-public-phone', { width: 390, height: 844 }],
    ] as const) {
      const visitor = await demo.browser.newPage({ viewport });
      const errors: string[] = [];
      visitor.on('pageerror', (error) => errors.push(error.message));
      await visitor.goto(`${demo.server.url}/public/warnings`);
      const card = visitor.getByTestId('warning-card');
      await card.getByText(HEADLINE).waitFor();
      expect(await card.getAttribute('data-level')).toBe('orange');
      await card.getByText(VILLAGE).waitFor();
      await visitor.locator('[data-testid="public-map"][data-ready="true"]').waitFor();
      expect(await visitor.getByTestId('login-username').count()).toBe(0);
      await snap(visitor, name);
      expect(errors).toEqual([]);
      await visitor.close();
    }

    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'lingdao');
    await mapShows(page, '441825');
    const outline = await pixelOf(page, ORANGE, 'first');
    expect(outline).not.toBeNull();
    await snap(page, 'warnings-13-map');
    // Other registers' points and the roads lie over the outline here and there: leave only the outlines clickable.
    for (const toggle of await page.locator('[data-testid^="layer-toggle-"]').all()) {
      const id = (await toggle.getAttribute('data-testid'))!.replace('layer-toggle-', '');
      if (id !== 'warning-areas' && !id.startsWith('area-') && (await toggle.isChecked())) await toggle.click();
    }
    await page.mouse.click(outline!.x, outline!.y);
    const popup = page.getByTestId('map-popup');
    await popup.getByText(HEADLINE).waitFor();
    expect(await popup.innerText()).toContain('二级（橙色）');
    await snap(page, 'warnings-14-map-popup');
    expect(errors).toEqual([]);
  });
  it('turns an alarm into a pre-filled draft, and takes a circle drawn on the map', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    // 永和镇's river gauge reports a level over 保证水位 (217 m): an orange alarm, raised as a device would raise it.
    const { csrfToken } = (await (await page.request.get(`${demo.server.url}/api/auth/me`)).json()) as { csrfToken: string };
    const stations = (await (
      await page.request.get(`${demo.server.url}/api/monitoring/stations?q=${encodeURIComponent(GAUGE)}`)
    ).json()) as {
      items: { id: string }[];
    };
    const issued = await page.request.post(`${demo.server.url}/api/monitoring/stations/${stations.items[0]!.id}/credentials`, {
      headers: { 'x-csrf-token': csrfToken },
    });
    const { deviceToken } = (await issued.json()) as { deviceToken: string };
    const reading = { metric: 'water_level_m', value: 217.3, at: new Date().toISOString() };
    const ingest = await fetch(`${demo.server.url}/api/ingest/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [reading] }),
    });
    expect(ingest.status).toBe(200);

    await page.getByTestId('menu-monitoring-alarms').click();
    await page.getByTestId('alarms-table').getByText(GAUGE).click();
    await page.getByTestId('alarm-to-warning').click();
    // The composer opens on the new draft: 洪水, the alarm's level, the gauge's village, the template's guidance.
    const composer = page.getByTestId('warning-composer');
    await composer.getByText('修改预警草稿').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/warnings\/[0-9a-f-]{36}\/edit$/);
    await composer.getByText('洪水', { exact: true }).waitFor();
    expect(await page.getByTestId('warning-level').locator('.ant-radio-button-wrapper-checked').innerText()).toBe('二级（橙色）');
    expect(await page.getByTestId('warning-description').inputValue()).toContain(GAUGE);
    await composer.locator('[data-testid="warning-areas"] .ant-select-selection-item').first().waitFor();

    // A circle round the middle of the county: its centre, then a point on its edge; the radius can be typed.
    await page.locator('[data-testid="target-map"][data-ready="true"]').waitFor();
    const map = (await page.getByTestId('target-map').boundingBox())!;
    await page.getByTestId('draw-circle').click();
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await page.mouse.move(map.x + map.width / 2 + 20, map.y + map.height / 2);
    await page.mouse.click(map.x + map.width / 2 + 20, map.y + map.height / 2);
    await page
      .getByTestId('draw-hint')
      .getByText(/已画圆/)
      .waitFor();
    await page.getByTestId('circle-radius').fill('3');
    await snap(page, 'warnings-15-from-alarm');
    await page.getByTestId('composer-save').click();
    const detail = page.getByTestId('warning-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('draft');
    await page
      .getByTestId('warning-target')
      .getByText(/半径 3 公里的圆/)
      .waitFor();
    await detail.getByText('来源告警').waitFor();
    await snap(page, 'warnings-16-draft-from-alarm');
    expect(errors).toEqual([]);
  });
});
