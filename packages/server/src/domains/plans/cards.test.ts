import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { withinText } from './cards.pdf.ts';
import { FLOOD_PLAN } from './plans.demo-flood.ts';
import { createPlan } from './plans.test-support.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../../../test-results/screenshots/', import.meta.url));

/** The PDF's text as poppler reads it, and its page count and size. */
function inspect(pdf: Buffer): { text: string; pages: number; size: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-cards-'));
  const file = path.join(dir, 'cards.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return {
      text,
      pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]),
      size: /^Page size:\s+(.*?)\s+pts/m.exec(info)![1]!,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('deadlines on cards', () => {
  it('says them as people do', () => {
    expect([0, 15, 60, 90, 120, 1440].map(withinText)).toEqual([
      '立即',
      '15 分钟内',
      '1 小时内',
      '1 小时 30 分钟内',
      '2 小时内',
      '1 天内',
    ]);
  });
});

describe.each(DIALECTS)('应急处置卡 on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let floodId: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    const plans = (await zhiban.get(`/api/plans?q=${encodeURIComponent('防汛防旱')}`)).json().items;
    floodId = plans[0].id;
  });
  afterAll(() => env.close());

  const cards = (id: string, query = '') => zhiban.get(`/api/plans/${id}/cards.pdf${query}`);

  it('makes one phone-sized page per department and level of the digital plan, in Chinese', async () => {
    const res = await cards(floodId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const expected = FLOOD_PLAN.levels.reduce((n, level) => n + new Set(level.tasks.map((t) => t.department)).size, 0);
    const { text, pages, size } = inspect(res.rawPayload);
    expect(pages).toBe(expected);
    expect(size).toBe('297.64 x 419.53');
    expect(text.match(/应急处置卡/g)).toHaveLength(expected);
    for (const phrase of ['Ⅳ级应急响应（一般）', 'Ⅰ级应急响应（特别重大）', '县水利局', '县气象局', '30 分钟内', '启动条件']) {
      expect(text).toContain(phrase);
    }
  });

  it('cuts one card for a department at a level, with its tasks, deadlines, resources and warnings', async () => {
    const res = await cards(floodId, `?level=II&department=${encodeURIComponent('县应急管理局')}`);
    const { text, pages } = inspect(res.rawPayload);
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('县应急管理局');
    expect(flat).toContain('Ⅱ级应急响应（重大）');
    expect(flat).toContain('【15分钟内】');
    expect(flat).toContain('启动Ⅱ级应急响应，总指挥坐镇指挥，成立现场指挥部');
    expect(flat).toContain('冲锋舟10艘→永和镇、吉田镇、太保镇');
    expect(flat).toContain('县三防指挥部总指挥（县长）');
    expect(flat).not.toContain('县水利局：');
  });

  it('cuts a working group card naming who does each task', async () => {
    const res = await cards(floodId, '?level=III&group=rescue');
    const { text, pages } = inspect(res.rawPayload);
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('抢险救援组（牵头：县应急管理局）');
    expect(flat).toContain('县水利局：派出技术专家组赴重点水库、堤防督导');
    // Rendered once to look at: the densest card of the plan (Ⅱ级, 县应急管理局's resources and tasks).
    if (dialect === DIALECTS[0]) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const dense = await cards(floodId, `?level=II&group=logistics`);
      const file = path.join(SCREENSHOTS, 'plans-card.pdf');
      fs.writeFileSync(file, dense.rawPayload);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '200',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        path.join(SCREENSHOTS, 'plans-card'),
      ]);
      fs.rmSync(file);
      expect(fs.statSync(path.join(SCREENSHOTS, 'plans-card.png')).size).toBeGreaterThan(10_000);
    }
  });

  it('says so when the plan or the role has no tasks', async () => {
    const none = await cards(floodId, `?department=${encodeURIComponent('不存在的部门')}`);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('PLAN_CARDS_EMPTY');
    expect((await cards(floodId, '?group=nope')).json().code).toBe('PLAN_CARDS_EMPTY');
    const { id } = await createPlan(zhiban);
    expect((await cards(id)).json().code).toBe('PLAN_CARDS_EMPTY');
    expect((await cards(floodId, '?group=rescue&department=x')).json().code).toBe('VALIDATION_FAILED');
  });
});
