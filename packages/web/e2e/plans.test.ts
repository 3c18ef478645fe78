import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, shot as rawShot, useDemo } from './pages.ts';

/*
 * 应急预案与演练 (E5) in Chromium, on the demo county: the register of the 31 plans of 001 专栏3, the 防汛 plan's
 * detail, digital plan, 处置卡 and 校验; a new plan with an overlapping trigger and its attachments; a drill from
 * planning to evaluation; the two overviews; the register on a phone.
 */

const FLOOD = '连山壮族瑶族自治县防汛防旱防风防冻应急预案';
const FOREST = '连山壮族瑶族自治县森林火灾应急预案';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Types a date into an antd DatePicker, as a person can. */
async function pickDate(page: Page, testId: string, date: string) {
  const input = page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** A screenshot once drawers and dialogs have finished sliding in (and, if asked, the toasts have gone). */
async function shot(page: Page, name: string, { toastsGone = false } = {}) {
  if (toastsGone) await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
  // Endless animations (a spinner, the 在线 dot) never finish: only the ones that end are waited for.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await rawShot(page, name);
}

/**
 * A screenshot of the whole page: the shell scrolls its content area rather than the document, so the window is made
 * as tall as the content for the picture, then put back.
 */
async function tallShot(page: Page, name: string, options: { toastsGone?: boolean } = {}) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const content = document.querySelector('.ant-layout-content');
    return content ? content.getBoundingClientRect().top + content.scrollHeight : document.body.scrollHeight;
  });
  if (height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(height), 4000) });
  await shot(page, name, options);
  await page.setViewportSize(size);
}

/** Searches the register by name. */
async function search(page: Page, text: string) {
  await page.getByTestId('filter-q').locator('input').fill(text);
  await page.getByTestId('filter-q').locator('input').press('Enter');
}

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('plans and drills pages in Chromium', () => {
  const demo = useDemo();

  it('lists the 31 plans, opens 防汛 with its timeline, downloads a 处置卡 and validates its digital plan', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-plans').click();
    const table = page.getByTestId('plans-table');
    await table.getByText('连山壮族瑶族自治县突发事件总体应急预案').waitFor();
    await page.getByText('共 31 部').waitFor();
    await shot(page, 'plans-01-register');

    // 待修订: 森林火灾 was published more than three years ago.
    await page.getByTestId('filter-overdue').click();
    await table.getByText(FOREST).waitFor();
    expect(await table.getByTestId('revision-status').first().getAttribute('data-status')).toBe('overdue');
    await shot(page, 'plans-02-register-overdue');
    await page.getByTestId('filter-overdue').click();

    await search(page, '防汛');
    await table.getByText(FLOOD).click();
    const detail = page.getByTestId('plan-detail');
    await detail.getByTestId('plan-title').getByText(FLOOD).waitFor();
    await detail.getByText('清远应急备〔2025〕27号', { exact: false }).first().waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('plan-timeline').innerText()).toContain('备案');
    // Filed: 评估, 标记需修订 and 修订 are offered; 评审 and 发布 are not.
    await page.getByTestId('step-revise').waitFor();
    expect(await page.getByTestId('step-publish').count()).toBe(0);
    await tallShot(page, 'plans-03-detail');

    // 处置卡 of Ⅳ级 for 县应急管理局: a PDF.
    await choose(page, 'cards-level', 'Ⅳ级');
    await choose(page, 'cards-holder', '县应急管理局');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cards-download').click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const response = await page.request.get(`${demo.server.url}/api/plans/${page.url().split('/').pop()}/cards.pdf?level=IV`);
    expect(response.headers()['content-type']).toBe('application/pdf');

    await page.getByTestId('open-digital').click();
    const digital = page.getByTestId('digital-plan');
    await digital.getByTestId('tab-IV').waitFor();
    for (const level of ['IV', 'III', 'II', 'I']) await digital.getByTestId(`tab-${level}`).waitFor();
    const tasks = page.getByTestId('level-IV').getByTestId('tasks-table');
    await tasks.getByText('启动Ⅳ级应急响应，通知县三防指挥部各成员单位和各镇进入防御状态').waitFor();
    expect(await tasks.getByText('30 分钟内').count()).toBeGreaterThanOrEqual(1);
    await tallShot(page, 'plans-04-digital-level-IV');
    await page.getByTestId('digital-validate').click();
    await expect.poll(() => page.getByTestId('validation-summary').innerText()).toMatch(/校验通过|可以发布/);
    await shot(page, 'plans-05-digital-validated');
    await digital.getByTestId('tab-command').click();
    await page.getByTestId('groups-table').getByText('转移安置组').waitFor();
    await tallShot(page, 'plans-06-digital-command');
    expect(errors).toEqual([]);
  });

  it('registers a plan, finds an overlap between its levels, saves it, and takes PDF attachments only', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-plans').click();
    await page.getByTestId('create-plan').click();
    await page.getByTestId('plan-name').fill('永和镇山洪灾害应急预案（测试）');
    await choose(page, 'plan-category', '专项应急预案');
    await page.getByTestId('plan-department').locator('input').fill('县水利局');
    await choose(page, 'plan-hazards', '山洪');
    // A multiple select stays open after a pick.
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await choose(page, 'plan-parent', '突发事件总体应急预案');
    await page.getByTestId('plan-name').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await shot(page, 'plans-07-create');
    await page.getByTestId('plan-save').click();
    const detail = page.getByTestId('plan-detail');
    await detail.getByTestId('plan-title').getByText('永和镇山洪灾害应急预案（测试）').waitFor();
    await page.getByTestId('step-submit_review').waitFor();

    // Attachments: a PDF goes in; a text file is refused with the server's reason.
    const upload = page.locator('[data-testid="plan-attachments"] input[type="file"]');
    await upload.setInputFiles({ name: '山洪预案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('attachment-link').getByText('山洪预案.pdf').waitFor();
    await upload.setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件') });
    await page.getByTestId('attachment-refusal').getByText('附件只能是 PDF 或 Word').waitFor();
    await tallShot(page, 'plans-08-attachments', { toastsGone: true });

    // Digital plan: Ⅳ级 deaths [1, 3), Ⅲ级 deaths [2, 10): the validator reports the overlap [2, 3).
    await page.getByTestId('open-digital').click();
    for (const [level, min, max] of [
      ['Ⅳ级', 1, 3],
      ['Ⅲ级', 2, 10],
    ] as const) {
      await page.getByTestId('level-add').click();
      await page.locator('.ant-dropdown-menu-item', { hasText: level }).click();
      const levelCode = level === 'Ⅳ级' ? 'IV' : 'III';
      const panel = page.getByTestId(`level-${levelCode}`);
      await panel.getByTestId('trigger-add').click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.getByTestId('threshold-add').click();
      await dialog.getByTestId('bound-min').fill(String(min));
      await dialog.getByTestId('bound-max').fill(String(max));
      await dialog.getByTestId('trigger-description').fill(`因灾死亡 ${min} 人以上 ${max} 人以下`);
      await dialog.getByTestId('trigger-ok').click();
      await panel.getByTestId('triggers-table').getByText(`因灾死亡 ${min} 人以上 ${max} 人以下`).waitFor();
      await panel.getByRole('button', { name: '添加任务' }).click();
      await panel.getByTestId('tasks-table-department').last().locator('input').fill('县水利局');
      await panel.getByTestId('tasks-table-action').last().fill(`启动${level}响应，组织山洪危险区巡查`);
    }
    await page.getByTestId('digital-validate').click();
    const overlap = page.locator('[data-testid="validation-issue"][data-severity="error"]');
    await overlap.first().waitFor();
    expect(await overlap.first().innerText()).toContain('重叠');
    await page.getByTestId('tab-IV').click();
    await page.getByTestId('level-IV').getByTestId('triggers-table').getByText('重叠').waitFor();
    await tallShot(page, 'plans-09-digital-overlap');
    await page.getByTestId('digital-save').click();
    await page.getByText('数字化预案已保存').waitFor();
    await page
      .getByTestId('validation-summary')
      .getByText(/不能发布/)
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('plans a drill, records it and evaluates it with an action that requires a revision', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-drills').click();
    await page.getByTestId('drill-calendar').waitFor();
    await page.getByTestId('create-drill').click();
    await choose(page, 'drill-plan', '防汛防旱防风防冻');
    await page.getByTestId('drill-title').fill('主汛期山洪转移实战演练');
    await choose(page, 'drill-type', '实战演练');
    await pickDate(page, 'drill-date', today());
    await page.getByTestId('drill-scenario').fill('上帅镇连续强降雨，山洪危险区 3 个村需紧急转移 420 人');
    await page.getByTestId('participant-add').click();
    await page.getByTestId('participant-unit').fill('上帅镇人民政府');
    await shot(page, 'plans-11-drill-create');
    await page.getByTestId('drill-save').click();
    const drawer = page.getByTestId('drill-detail');
    await drawer.getByText('上帅镇连续强降雨，山洪危险区 3 个村需紧急转移 420 人').waitFor();

    await drawer.getByTestId('drill-execute').click();
    await page.getByTestId('execution-people').fill('85');
    await page.getByTestId('execution-summary').fill('09:00 启动Ⅳ级响应；09:40 三个村完成转移 420 人；11:00 演练结束');
    await page.getByTestId('drill-record-save').click();
    await drawer.getByTestId('drill-execution').getByText('85 人').waitFor();

    await drawer.getByTestId('drill-evaluate').click();
    await page.getByTestId('evaluation-summary').fill('转移组织有序，预警叫应到村及时；部分转移路线未标识');
    await page.getByTestId('problem-add').click();
    await page.getByTestId('evaluation-problem').fill('两处转移路线没有指示标识');
    await page.getByTestId('action-add').click();
    await page.getByTestId('action-description').fill('在预案中补充各村转移路线和安置点清单');
    await page.getByTestId('action-owner').fill('县应急管理局');
    await page.getByTestId('action-revision').check();
    await shot(page, 'plans-12-drill-evaluation-form');
    await page.getByTestId('drill-record-save').click();
    const evaluation = drawer.getByTestId('drill-evaluation');
    await evaluation.getByText('两处转移路线没有指示标识').waitFor();
    await evaluation.getByText('需修订预案').waitFor();
    await shot(page, 'plans-13-drill-evaluated', { toastsGone: true });
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('calendar-drill').getByText('主汛期山洪转移实战演练').waitFor();
    await tallShot(page, 'plans-10-drill-calendar');
    await page.getByTestId('drill-calendar').getByText('年', { exact: true }).click();
    await page
      .getByTestId('drill-calendar')
      .getByText(/\d+ 次演练/)
      .first()
      .waitFor();
    await shot(page, 'plans-10b-drill-year');
    await page.getByTestId('drill-calendar').getByText('月', { exact: true }).click();

    // The action flagged the plan in force for revision.
    await page.getByTestId('drills-table').getByText('主汛期山洪转移实战演练').click();
    await drawer.getByText(FLOOD).click();
    await page.getByTestId('revision-flag').getByText('演练“主汛期山洪转移实战演练”发现问题').waitFor();
    expect(errors).toEqual([]);
  });

  it('offers each role its own lifecycle steps, and refuses a step the plan is not ready for, saying why', async () => {
    // The duty officer records the last review opinion of 地质灾害 and sends it for approval.
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-plans').click();
    await search(page, '地质灾害');
    await page.getByTestId('plans-table').getByText('连山壮族瑶族自治县突发地质灾害应急预案').click();
    await page.getByTestId('plan-review').getByText('未提交').waitFor();
    await page.getByTestId('step-review_opinion').click();
    await choose(page, 'opinion-reviewer', '黄秀英');
    await shot(page, 'plans-18-review-opinion');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => page.getByTestId('plan-review').getByText('未提交').count()).toBe(0);
    await page.getByTestId('step-submit_approval').click();
    await page.getByTestId('step-ok').click();
    await page.getByTestId('plan-detail').locator('[data-state="approving"]').waitFor();
    // Approval is the leader's: the duty officer is offered no step now.
    expect(await page.getByTestId('plan-steps').count()).toBe(0);

    // The leader approves it.
    const leader = await demo.openPage();
    await logIn(leader.page, `${demo.server.url}${new URL(page.url()).pathname}`, 'lingdao');
    await leader.page.getByTestId('step-approve').click();
    await leader.page.getByTestId('step-ok').click();
    await leader.page.getByTestId('plan-detail').locator('[data-state="approved"]').waitFor();
    expect(await leader.page.getByTestId('plan-timeline').innerText()).toContain('审批通过');
    await tallShot(leader.page, 'plans-19-approved-timeline', { toastsGone: true });
    expect(leader.errors).toEqual([]);

    // Publishing a plan without a digital plan is refused, with the server's reason.
    await page.reload();
    await page.getByTestId('step-publish').click();
    await page.getByTestId('step-ok').click();
    await page.getByTestId('step-refusal').getByText('数字化预案未通过校验').waitFor();
    await shot(page, 'plans-20-publish-refused');
    expect(errors).toEqual([]);
  });

  it('shows the revision and drill-frequency overviews with their overdue plans', async () => {
    const { page, errors } = await demo.openPage();
    await logIn(page, demo.server.url, 'zhiban');
    await page.getByTestId('menu-plan-overviews').click();
    const revisions = page.getByTestId('revision-overview');
    await revisions.getByText('县林业局').waitFor();
    await revisions.getByText(FOREST).waitFor();
    expect(await revisions.locator('[data-testid="revision-status"][data-status="overdue"]').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'plans-14-overview-revisions');

    await page.getByTestId('tab-drills').click();
    const drills = page.getByTestId('drill-overview');
    await drills.getByText(FOREST).waitFor();
    expect(await drills.locator('[data-status="overdue"]').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'plans-15-overview-drills');
    expect(errors).toEqual([]);
  });

  it('keeps the register usable on a phone-sized screen', async () => {
    const { page, errors } = await demo.openPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, demo.server.url, 'zhiban');
    await page.goto(`${demo.server.url}/plans`);
    // The shell's menu does not fold itself on a phone: fold it, as the officer would.
    await page.locator('.ant-layout-sider-trigger').click();
    await page.getByTestId('plan-row').first().waitFor();
    await shot(page, 'plans-16-phone-register');
    // The register fits the phone: no sideways scrolling of the table or its filters. (The shell's header is wider
    // than a phone, which is the shell's to fix.)
    for (const id of ['plans-table', 'plan-filters']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(
      await page
        .getByTestId('plans-table')
        .locator('.ant-table-content')
        .evaluate((e) => e.scrollWidth <= e.clientWidth),
    ).toBe(true);
    await search(page, '防汛');
    await page.getByTestId('plans-table').getByText(FLOOD).click();
    await page.getByTestId('plan-title').waitFor();
    await shot(page, 'plans-17-phone-detail');
    expect(errors).toEqual([]);
  });
});
