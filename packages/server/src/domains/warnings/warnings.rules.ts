import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  HAZARD_NAMES,
  WARNING_STATE_NAMES,
  type Hazard,
  type WarningLevel,
  type WarningState,
} from '@yingji/contracts/warnings.ts';
import { fail } from '../../platform/errors.ts';

/** The lifecycle steps and the states each may start from (拟稿 → 审核 → 签发即发布 → 更新 / 解除 / 过期). */
const STEP_FROM = {
  edit: ['draft'],
  submit: ['draft'],
  review: ['reviewing'],
  sign: ['approved'],
  update: ['published'],
  cancel: ['published'],
  expire: ['published'],
  confirm: ['published', 'superseded', 'expired', 'cancelled'],
} as const satisfies Record<string, readonly WarningState[]>;
export type WarningStep = keyof typeof STEP_FROM;

const STEP_NAMES: Record<WarningStep, string> = {
  edit: '修改',
  submit: '提交审核',
  review: '审核',
  sign: '签发',
  update: '更新',
  cancel: '解除',
  expire: '过期',
  confirm: '落实确认',
};

/** Refuses a step from the wrong state with the reason people can act on (what state it is in, what may follow). */
export function assertStep(state: WarningState, step: WarningStep): void {
  const from: readonly WarningState[] = STEP_FROM[step];
  if (from.includes(state)) return;
  // 签发 of a warning not yet through 审核 has its own code: publishing an unapproved warning is the error users fear.
  if (step === 'sign' && (state === 'draft' || state === 'reviewing')) {
    fail('WARNING_NOT_APPROVED', { state }, `预警尚未审核通过（当前：${WARNING_STATE_NAMES[state]}），不能签发发布`);
  }
  fail(
    'WARNING_STATE_INVALID',
    { state, step, allowedFrom: from },
    `预警当前为“${WARNING_STATE_NAMES[state]}”，不能${STEP_NAMES[step]}（仅${from.map((s) => WARNING_STATE_NAMES[s]).join('、')}时可以）`,
  );
}

const LEVEL_COLOUR: Record<WarningLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };

/** "暴雨橙色预警" — the name every channel leads with. */
export function warningTitle(hazard: Hazard, level: WarningLevel): string {
  return `${HAZARD_NAMES[hazard]}${LEVEL_COLOUR[level]}预警`;
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "11月26日 14:00" in Beijing time, for message texts. */
export function beijingTime(iso: string): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

export interface MessageInput {
  sender: string;
  hazard: Hazard;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  publishedAt: string;
  expires: string;
}

/**
 * The text every channel sends: signature in 【】 as SMS gateways require, the warning's name, its content, what to
 * do and until when. A 解除 notice says the warning is lifted.
 */
export function messageText(m: MessageInput, kind: 'alert' | 'cancel'): string {
  const title = warningTitle(m.hazard, m.level);
  if (kind === 'cancel') {
    return `【${m.sender}】${beijingTime(m.publishedAt)}发布的${title}（${m.headline}）现予解除。`;
  }
  return `【${m.sender}】${title}：${m.headline}。${m.description} 防御指引：${m.instruction}（${beijingTime(m.publishedAt)}发布，有效至${beijingTime(m.expires)}）`;
}

/** 138****5678 / z***@example.com: lists and boards show who was reached without exposing the register. */
export function maskAddress(address: string): string {
  if (/^1\d{10}$/.test(address)) return `${address.slice(0, 3)}****${address.slice(7)}`;
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return address.replace(/\/\/([^/]+).*/, '//$1/…');
}

/** reached ÷ targeted, or null when nobody is registered (a village with no one to warn is a gap, not 0 %). */
export function coverageRatio(reached: number, targeted: number): number | null {
  return targeted === 0 ? null : reached / targeted;
}

/** The 签收 link's token for one message: only the platform (which knows the warning's key) can make it. */
export function receiptToken(receiptKey: string, deliveryId: string): string {
  return createHmac('sha256', receiptKey).update(deliveryId).digest('hex').slice(0, 16);
}

export function receiptTokenValid(receiptKey: string, deliveryId: string, token: string): boolean {
  const expected = Buffer.from(receiptToken(receiptKey, deliveryId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
