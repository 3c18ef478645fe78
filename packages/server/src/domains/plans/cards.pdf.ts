import fs from 'node:fs';
import { ALARM_LEVEL_LABELS } from '@yingji/contracts/monitoring.ts';
import {
  RESPONSE_LEVEL_NAMES,
  type CardsQuery,
  type DigitalPlan,
  type LevelContent,
  type ResponseLevel,
} from '@yingji/contracts/plans-digital.ts';
import PDFDocument from 'pdfkit';
import { fail } from '../../platform/errors.ts';

/**
 * 应急处置卡: one phone-sized page (A6) per role and level, cut from the digital plan — what this department (or
 * working group) must do, by when, once the level is activated; what to pre-position, which warnings to issue.
 */

const FONT_DIR = '/usr/share/fonts/opentype/noto';
const FONTS = {
  regular: { file: `${FONT_DIR}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
  bold: { file: `${FONT_DIR}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
};
const fontCache = new Map<string, Buffer>();

/** The font collections are read once (about 20 MB each); each card document embeds only the glyphs it uses. */
function fontData(file: string): Buffer {
  let data = fontCache.get(file);
  if (!data) {
    if (!fs.existsSync(file)) fail('INTERNAL', { file }, '服务器缺少中文字体（fonts-noto-cjk），无法生成处置卡');
    data = fs.readFileSync(file);
    fontCache.set(file, data);
  }
  return data;
}

export interface Card {
  planName: string;
  version: number;
  level: ResponseLevel;
  /** 县水利局, or 抢险救援组（牵头：县应急管理局）. */
  role: string;
  commander: string | null;
  office: string;
  triggers: string[];
  tasks: { within: string; action: string; department: string | null }[];
  resources: string[];
  warnings: string[];
}

/** 0 → 立即; 30 → 30 分钟内; 120 → 2 小时内; 90 → 1 小时 30 分钟内; 2880 → 2 天内. */
export function withinText(minutes: number): string {
  if (minutes === 0) return '立即';
  if (minutes % 1440 === 0) return `${minutes / 1440} 天内`;
  if (minutes < 60) return `${minutes} 分钟内`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} 小时内` : `${Math.floor(minutes / 60)} 小时 ${rest} 分钟内`;
}

/** Which tasks, and which departments' resources and warnings, go on a role's card. */
interface RoleFilter {
  role: string;
  task: (task: { department: string; group: string | null }) => boolean;
  department: (department: string) => boolean;
  /** A group's card says which department does each task. */
  showDepartment: boolean;
}

function cardOf(
  plan: { name: string; version: number },
  digital: DigitalPlan,
  level: LevelContent,
  filter: RoleFilter,
): Card | null {
  const tasks = level.tasks.filter(filter.task).sort((a, b) => a.withinMinutes - b.withinMinutes);
  if (tasks.length === 0) return null;
  return {
    planName: plan.name,
    version: plan.version,
    level: level.level,
    role: filter.role,
    commander: level.commander,
    office: digital.command.headquarters.office,
    triggers: level.triggers.map((t) => t.description),
    tasks: tasks.map((t) => ({
      within: withinText(t.withinMinutes),
      action: t.action,
      department: filter.showDepartment ? t.department : null,
    })),
    resources: level.resources
      .filter((r) => filter.department(r.department))
      .map((r) => `${r.resource}${r.quantity !== null ? ` ${r.quantity}${r.unit ?? ''}` : ''} → ${r.location}`),
    warnings: level.warnings
      .filter((w) => filter.department(w.department))
      .map((w) => `${ALARM_LEVEL_LABELS[w.level]}预警 · ${w.audience}：${w.content}`),
  };
}

/**
 * The cards asked for: per level (all, or one), one card per department with tasks at that level; or, for a
 * department, its cards; or, for a working group, the group's tasks (with who does each) and its departments'
 * resources and warnings.
 */
export function cardsFor(plan: { name: string; version: number }, digital: DigitalPlan, query: CardsQuery): Card[] {
  const cards: Card[] = [];
  const levels = digital.levels.filter((l) => query.level === undefined || l.level === query.level);
  const group = query.group === undefined ? null : digital.command.groups.find((g) => g.code === query.group);
  if (query.group !== undefined && !group) return [];
  for (const level of levels) {
    if (group) {
      const members = new Set([group.leadDepartment, ...group.departments]);
      const card = cardOf(plan, digital, level, {
        role: `${group.name}（牵头：${group.leadDepartment}）`,
        task: (t) => t.group === group.code,
        department: (d) => members.has(d),
        showDepartment: true,
      });
      if (card) cards.push(card);
      continue;
    }
    const departments = [...new Set(level.tasks.map((t) => t.department))].filter(
      (d) => query.department === undefined || d === query.department,
    );
    for (const department of departments) {
      const mine = (d: string) => d === department;
      const card = cardOf(plan, digital, level, {
        role: department,
        task: (t) => mine(t.department),
        department: mine,
        showDepartment: false,
      });
      if (card) cards.push(card);
    }
  }
  return cards;
}

const PAGE = { width: 297.64, height: 419.53, margin: 14 };
const RED = '#b71c1c';

/** Draws (or, with draw false, only measures) one card's body at a font size; returns the height it takes. */
function body(doc: PDFKit.PDFDocument, card: Card, size: number, top: number, draw: boolean): number {
  const width = PAGE.width - 2 * PAGE.margin;
  let y = top;
  const write = (
    text: string,
    font: 'cjk' | 'cjk-bold',
    fontSize: number,
    options: { color?: string; indent?: number; gap?: number } = {},
  ) => {
    doc.font(font).fontSize(fontSize);
    const w = width - (options.indent ?? 0);
    const h = doc.heightOfString(text, { width: w, lineGap: 1 });
    if (draw) doc.fillColor(options.color ?? '#000').text(text, PAGE.margin + (options.indent ?? 0), y, { width: w, lineGap: 1 });
    y += h + (options.gap ?? 0);
  };
  const section = (title: string) => write(title, 'cjk-bold', size + 0.5, { color: RED, gap: 1 });
  write(card.role, 'cjk-bold', size + 5, { gap: 2 });
  write(`${card.planName}（v${card.version}）`, 'cjk', size - 1, { color: '#555', gap: 4 });
  section('启动条件（满足其一）');
  for (const t of card.triggers) write(`· ${t}`, 'cjk', size - 0.5, { indent: 4 });
  if (card.triggers.length === 0) write('· 由指挥部决定启动', 'cjk', size - 0.5, { indent: 4 });
  y += 3;
  write(`指挥：${card.commander ?? '按预案规定'}${card.office ? `　办公室：${card.office}` : ''}`, 'cjk', size - 0.5, { gap: 4 });
  section('处置任务（自响应启动起计）');
  for (const t of card.tasks) {
    write(`【${t.within}】`, 'cjk-bold', size, { color: RED });
    write(`${t.department ? `${t.department}：` : ''}${t.action}`, 'cjk', size, { indent: 8, gap: 2 });
  }
  if (card.resources.length > 0) {
    section('预置资源');
    for (const r of card.resources) write(`· ${r}`, 'cjk', size - 0.5, { indent: 4 });
    y += 2;
  }
  if (card.warnings.length > 0) {
    section('发布预警');
    for (const w of card.warnings) write(`· ${w}`, 'cjk', size - 0.5, { indent: 4 });
  }
  return y - top;
}

/** One A6 page per card; the text is set as large as fits (from 10 pt down to 6 pt), so a card is never split. */
export function renderCards(cards: Card[], generatedAt: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    info: { Title: '应急处置卡' },
  });
  doc.registerFont('cjk', fontData(FONTS.regular.file), FONTS.regular.face);
  doc.registerFont('cjk-bold', fontData(FONTS.bold.file), FONTS.bold.face);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const headerHeight = 40;
  const footerHeight = 18;
  const room = PAGE.height - headerHeight - footerHeight - 2 * PAGE.margin;
  for (const card of cards) {
    doc.addPage();
    doc.rect(0, 0, PAGE.width, headerHeight).fill(RED);
    doc.fillColor('#fff').font('cjk-bold').fontSize(15).text('应急处置卡', PAGE.margin, 7, { lineBreak: false });
    doc.font('cjk').fontSize(9).text(RESPONSE_LEVEL_NAMES[card.level], PAGE.margin, 25, { lineBreak: false });
    let size = 10;
    while (size > 6 && body(doc, card, size, 0, false) > room) size -= 0.5;
    const fitted = trimToFit(doc, card, size, room);
    body(doc, fitted, size, headerHeight + PAGE.margin, true);
    doc
      .fillColor('#777')
      .font('cjk')
      .fontSize(6.5)
      .text(`生成于 ${generatedAt} · 以预案全文为准`, PAGE.margin, PAGE.height - footerHeight, { lineBreak: false });
  }
  doc.end();
  return done;
}

/** At the smallest size, drops the last tasks (saying so) until the card fits its page. */
function trimToFit(doc: PDFKit.PDFDocument, card: Card, size: number, room: number): Card {
  let fitted = card;
  while (fitted.tasks.length > 1 && body(doc, fitted, size, 0, false) > room) {
    const kept = fitted.tasks.slice(0, -2);
    const dropped = card.tasks.length - kept.length;
    fitted = { ...fitted, tasks: [...kept, { within: '其余', action: `另有 ${dropped} 项任务，见预案全文`, department: null }] };
  }
  return fitted;
}
