import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { logIn, mapShows, pixelOf, shot, useDemo } from './pages.ts';

const COUNTY_DEPOT = '连山县应急物资储备库（演示）';

describe('supplies pages in Chromium', () => {
  const demo = useDemo();

  it('shows the catalogue, the warehouses and the ledger, and posts an 出库', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');

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

  it('scraps part of a batch, rotates one, and records a stocktake with a shortfall and a batch off the book', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-supply-ledger').click();
    await page.getByText(`库存 — ${COUNTY_DEPOT}`).waitFor();
    const stock = page.getByTestId('warehouse-stock-table');
    const movements = page.getByTestId('movements-table');
    const onHand = async (kind: string) =>
      Number((await stock.locator('tr.ant-table-row', { hasText: kind }).locator('td').nth(3).innerText()).replace(/[^\d]/g, ''));
    const pick = async (testId: string, typed: string) => {
      await page.getByTestId(testId).click();
      await page.keyboard.type(typed);
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      const label = await option.innerText();
      await option.click();
      return label;
    };
    const numberIn = (testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

    // The 验收入库 form shares its batch fields with 轮换 and 账外批次: one line laid out in a row.
    await page.getByTestId('open-receipt').click();
    await page.getByTestId('receipt-form').getByRole('button', { name: '添加一行' }).click();
    await shot(page, 'supplies-12-receipt-dialog');
    await page.getByRole('button', { name: '取 消' }).click();
    await page.getByTestId('receipt-form').waitFor({ state: 'hidden' });

    // 报废: more than the batch holds is refused with the server's message and the form kept; then 3 of it.
    const jacketsBefore = await onHand('救生衣');
    await page.getByTestId('open-scrap').click();
    const batchLabel = await pick('scrap-batch', '救生衣');
    const [, batchNo, inBatch] = /救生衣 (\S+)（在库 ([\d,]+) 件/.exec(batchLabel)!;
    await numberIn('scrap-quantity').fill('999999');
    await page.getByTestId('scrap-reason').fill('受潮霉变，经鉴定无法使用');
    await page.getByRole('button', { name: '报 废' }).click();
    await page
      .getByTestId('scrap-error')
      .getByText(`库存不足：批次 ${batchNo} 现有 ${inBatch!.replace(/,/g, '')}，需要 999999`)
      .waitFor();
    await shot(page, 'supplies-13-scrap-refused');
    expect(await page.getByTestId('scrap-form').getByText(batchLabel).count()).toBe(1);
    await numberIn('scrap-quantity').fill('3');
    await page.getByRole('button', { name: '报 废' }).click();
    await page.getByTestId('scrap-form').waitFor({ state: 'hidden' });
    const scrapRow = movements.locator('tr.ant-table-row', { hasText: '报废' }).first();
    await scrapRow.getByText('受潮霉变').waitFor();
    expect(await scrapRow.innerText()).toContain(`−3 件`);
    expect(await scrapRow.innerText()).toContain(String(Number(inBatch!.replace(/,/g, '')) - 3));
    await expect.poll(() => onHand('救生衣')).toBe(jacketsBefore - 3);

    // 轮换: the ageing batch of 方便食品 (listed first: earliest expiry) out whole, a fresh batch in.
    const foodBefore = await onHand('方便食品');
    await page.getByTestId('open-rotation').click();
    const outLabel = await pick('rotation-out-batch', '方便食品');
    const [, outBatch, outQty] = /方便食品 (\S+)（在库 ([\d,]+) 箱/.exec(outLabel)!;
    expect(await numberIn('rotation-out-quantity').inputValue()).toBe(outQty!.replace(/,/g, ''));
    await page.getByTestId('rotation-form').getByPlaceholder('批次号').fill('LS-E2E-LH1');
    const produced = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('rotation-form').getByPlaceholder('生产日期').fill(produced);
    await page.keyboard.press('Enter');
    await numberIn('rotation-in-quantity').fill('50');
    await page.getByTestId('rotation-reason').fill('临近有效期，按协议由供应商回收并补入新货');
    await shot(page, 'supplies-14-rotation-dialog');
    await page.getByRole('button', { name: '轮 换' }).click();
    await page.getByTestId('rotation-form').waitFor({ state: 'hidden' });
    await movements.locator('tr.ant-table-row', { hasText: '轮换入库' }).getByText('LS-E2E-LH1').waitFor();
    expect(await movements.locator('tr.ant-table-row', { hasText: '轮换出库' }).first().innerText()).toContain(outBatch);
    await expect.poll(() => onHand('方便食品')).toBe(foodBefore - Number(outQty!.replace(/,/g, '')) + 50);

    // 盘点: every batch as booked but one, 2 张 折叠床 short, with its reason; the result lists the differences.
    const bedsBefore = await onHand('折叠床');
    const tentsBefore = await onHand('救灾帐篷');
    await page.getByTestId('open-stocktake').click();
    const table = page.getByTestId('stocktake-table');
    const bedRow = table.locator('tr.ant-table-row', { hasText: '折叠床' }).first();
    await bedRow.waitFor();
    const bedBook = Number((await bedRow.locator('td').nth(3).innerText()).replace(/[^\d]/g, ''));
    await page.getByTestId('stocktake-fill-book').click();
    await bedRow
      .locator('input')
      .nth(0)
      .fill(String(bedBook - 2));
    await page.getByRole('button', { name: '提交盘点结果' }).click();
    await bedRow.getByText('有差异，请填写原因').waitFor();
    await bedRow.locator('input').nth(1).fill('上次发放漏记 2 张');
    // A batch on the shelf that the book does not know: 盘盈 with the dates read off the goods.
    const stocktakeForm = page.getByTestId('stocktake-form');
    await page.getByTestId('stocktake-add-extra').click();
    await pick('stocktake-extra-kind', '救灾帐篷');
    await stocktakeForm.getByPlaceholder('批次号').fill('LS-E2E-ZW1');
    await stocktakeForm.getByPlaceholder('生产日期').fill(produced);
    await page.keyboard.press('Enter');
    await stocktakeForm.getByPlaceholder('实盘数').fill('4');
    await stocktakeForm.getByPlaceholder('盘盈原因').fill('库房角落发现未入账的捐赠帐篷');
    await page.getByTestId('stocktake-note').fill('月度盘点：保管员、值班员共同清点');
    await shot(page, 'supplies-15-stocktake-dialog');
    await page.getByRole('button', { name: '提交盘点结果' }).click();
    const result = page.getByTestId('stocktake-result');
    await result.getByText(/盘盈 1 个批次，盘亏 1 个批次/).waitFor();
    expect(await result.locator('tr.ant-table-row').count()).toBe(2);
    expect(await result.innerText()).toContain('上次发放漏记 2 张');
    await shot(page, 'supplies-16-stocktake-result');
    await page.getByRole('button', { name: '关 闭' }).click();

    const lossRow = movements.locator('tr.ant-table-row', { hasText: '盘亏' }).first();
    await lossRow.getByText(/上次发放漏记/).waitFor();
    expect(await lossRow.innerText()).toContain('−2 张');
    await expect.poll(() => onHand('折叠床')).toBe(bedsBefore - 2);
    expect(await movements.locator('tr.ant-table-row', { hasText: '盘盈' }).first().innerText()).toMatch(/LS-E2E-ZW1\s+\+4 顶/);
    await expect.poll(() => onHand('救灾帐篷')).toBe(tentsBefore + 4);
    const records = page.getByTestId('stocktakes-table').locator('tr.ant-table-row').first();
    await records.getByText('盘盈 1 个批次，盘亏 1 个批次').waitFor();
    expect(await records.innerText()).toContain('zhiban');
    await records.locator('.ant-table-row-expand-icon').click();
    const recordedLine = page.getByTestId('stocktakes-table').getByText('上次发放漏记 2 张');
    await recordedLine.waitFor();
    await recordedLine.scrollIntoViewIfNeeded();
    await shot(page, 'supplies-17-ledger-after-documents');
    expect(errors).toEqual([]);
  });

  it('approves a transfer as another person and shows the 物资预警 dashboard', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'lingdao');
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
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
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

  it('imports the catalogue from Excel: a bad row rejects the whole file with its row errors, the corrected file goes in', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-supply-kinds').click();
    // The template as a user downloads it, filled in with two rows: the second has a negative 储备标准.
    const template = await page.request.get(`${demo.server.url}/api/supplies/kinds/template.xlsx`);
    expect(template.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.body()) as never);
    const sheet = workbook.worksheets[0]!;
    sheet.addRow(['E2E 折叠担架', '救援类物资', '副', '', '铝合金', 10, 2, 1, '测试']);
    sheet.addRow(['E2E 应急手电', '照明类物资', '支', '', '', -5, 2, 1, '测试']);
    const bad = path.join(os.tmpdir(), `yingji-kinds-bad-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(bad);
    const input = page.locator('input[type=file]');
    await input.setInputFiles(bad);
    const errors = page.getByRole('dialog').filter({ hasText: '整个文件未导入' });
    await errors.waitFor();
    expect(await errors.getByRole('row').filter({ hasText: '县级库储备标准' }).first().innerText()).toMatch(/^4\s/);
    await shot(page, 'supplies-18-import-row-errors');
    await errors.locator('.ant-modal-close').click();
    expect(await page.getByTestId('kinds-table').getByText('E2E 折叠担架').count()).toBe(0);

    sheet.getRow(4).getCell(6).value = 50;
    const good = path.join(os.tmpdir(), `yingji-kinds-good-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(good);
    await input.setInputFiles(good);
    await page.getByText('已导入 2 条').waitFor();
    await page.getByTestId('kinds-table').getByText('E2E 折叠担架').waitFor();
    fs.rmSync(bad);
    fs.rmSync(good);
  });

  it('shows a township officer only the warehouses of their township', async () => {
    const { page } = await demo.openPage();
    await logIn(page, demo.server.url, 'yonghe');
    await page.getByTestId('menu-supply-warehouses').click();
    const table = page.getByTestId('warehouses-table');
    await table.getByText('永和镇应急物资储备点').waitFor();
    expect(await table.getByText('连山县应急物资储备库').count()).toBe(0);
    expect(await table.getByText('吉田镇').count()).toBe(0);
    await shot(page, 'supplies-11-warehouses-yonghe');
  });
});
