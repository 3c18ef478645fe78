import { describe, expect, it } from 'vitest';
import { logIn, mapShows, pixelOf, shot, useDemo } from './pages.ts';

/** roadsLayer.ts: 县道 brown, closed segments red. */
const COUNTY_ROAD_BROWN: [number, number, number] = [0xa0, 0x52, 0x2d];
const CLOSED_RED: [number, number, number] = [0xe8, 0x38, 0x0d];

/**
 * 周边资源 on 一张图: the demo road network (演示路网, dashed and labelled) and the search panel. The registers that
 * feed the search may or may not be connected in this build, so the test asserts on what this part provides: the
 * roads layer, the panel, a search answered with the demo network's label, and a point picked on the map.
 */
describe('周边资源 and 路网 in Chromium', () => {
  const demo = useDemo();

  it('draws the demo road network and searches near a point', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await mapShows(page, '441825');
    await expect.poll(() => page.getByTestId('layer-toggle-roads').count()).toBe(1);
    await expect.poll(() => page.getByTestId('legend-demo').count()).toBe(1);
    await shot(page, 'nearby-01-roads-county');

    await page.getByTestId('nearby-open').click();
    await page.getByTestId('nearby-panel').waitFor();
    await page.getByTestId('nearby-search').click();
    await page.getByTestId('nearby-results').waitFor();
    await expect.poll(() => page.getByTestId('nearby-roads-demo').innerText()).toContain('演示路网');
    await shot(page, 'nearby-02-search-area-centre');

    await page.getByTestId('nearby-pick').click();
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.55);
    await expect.poll(() => page.getByTestId('nearby-origin').innerText()).toMatch(/^搜索点 1\d\d\.\d{4}, \d\d\.\d{4}$/);
    await page.getByTestId('nearby-search').click();
    await page.getByTestId('nearby-results').waitFor();
    // The demo's teams are wired into the search: the ten nearest come back.
    await expect.poll(() => page.getByTestId('nearby-result-item').count()).toBe(10);
    await page.waitForTimeout(300); // let MapLibre draw the results before the picture
    await shot(page, 'nearby-03-search-picked-point');

    // 封闭路段 from the road's popup: the segment turns red once the server's roads.changed event reloads the layer.
    await page.getByTestId('nearby-panel').getByLabel('关闭').click();
    expect(await pixelOf(page, CLOSED_RED)).toBeNull();
    const road = await pixelOf(page, COUNTY_ROAD_BROWN, 'first');
    expect(road).not.toBeNull();
    await page.mouse.click(road!.x, road!.y);
    await expect.poll(() => page.getByTestId('map-popup').innerText()).toContain('县道');
    await page.getByTestId('map-popup-action').click();
    await expect.poll(() => page.getByTestId('map-popup-status').innerText()).toBe('请填写封闭原因（如 塌方、积水）');
    await page.getByTestId('map-popup-input').fill('塌方');
    await page.getByTestId('map-popup-action').click();
    await expect.poll(() => page.getByTestId('map-popup-status').innerText()).toBe('已完成');
    await shot(page, 'nearby-04-road-closed-popup');
    await page.locator('.maplibregl-popup-close-button').click();
    await expect.poll(() => pixelOf(page, CLOSED_RED), { timeout: 10_000 }).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it('shows a township officer the panel, and the road network of the whole county', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await mapShows(page, '441825100');
    await page.getByTestId('nearby-open').click();
    await page.getByTestId('nearby-search').click();
    await page.getByTestId('nearby-results').waitFor();
    await expect.poll(() => page.getByTestId('nearby-origin').innerText()).toContain('永和镇');
    await shot(page, 'nearby-05-township');

    // 区域内: every team of the township, listed and drawn.
    await page.getByTestId('nearby-mode').getByText('永和镇内全部').click();
    await page.getByTestId('nearby-search').click();
    await page.getByTestId('nearby-within-results').waitFor();
    const total = await page.getByTestId('nearby-within-total').innerText();
    expect(total).toMatch(/^永和镇内共 \d+ 个救援队伍/);
    const count = Number(/共 (\d+) 个/.exec(total)![1]);
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('nearby-within-results').locator('.ant-list-item').count()).toBe(count);
    await page.waitForTimeout(300); // let MapLibre draw the results before the picture
    await shot(page, 'nearby-06-township-within');
  });
});
