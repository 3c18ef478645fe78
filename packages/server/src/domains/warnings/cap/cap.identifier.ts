import { z } from 'zod';
import { defineRule } from '../../../platform/rules/rules.ts';

/**
 * CAP identity in the GB/T 35965.1 style (domain-rules B.2, [V-2nd]: Appendix A of a copy of the standard family):
 *   ZZZZZZ DDD UUU XX _ YYYYMMDDhhmmss _ N   — 31 characters
 *   ZZZZZZ  6-digit 行政区划码 (GB/T 2260) of the issuing area, e.g. 441825 连山
 *   DDD     3-digit 机构行业码 (GB/T 4657) of the issuing body — no verified value for a county 应急管理局, so the
 *           default 000 is a placeholder each county sets (rule warnings.cap_identifier)
 *   UUU     3-digit 内部二级码, default 000
 *   XX      2-digit 扩展码, default 00
 *   YYYYMMDDhhmmss  entry time, Beijing time
 *   N       sequence 0–9, telling apart warnings entered in the same second
 */
export const CAP_IDENTIFIER_PATTERN = /^\d{6}\d{3}\d{3}\d{2}_\d{14}_\d$/;

const digits = (n: number, label: string) => z.string().regex(new RegExp(`^\\d{${n}}$`), `${label}应为 ${n} 位数字`);

export const zCapIdentifierCodes = z
  .object({ orgCode: digits(3, '机构行业码'), internalCode: digits(3, '内部二级码'), extensionCode: digits(2, '扩展码') })
  .strict();
export type CapIdentifierCodes = z.infer<typeof zCapIdentifierCodes>;

export const CAP_IDENTIFIER_RULE = defineRule({
  key: 'warnings.cap_identifier',
  description:
    'CAP 预警标识的机构码段（GB/T 35965.1 附录 A 式样：6 位行政区划码 + 3 位机构行业码 + 3 位内部二级码 + 2 位扩展码 _ 北京时间' +
    ' YYYYMMDDhhmmss _ 序号）。机构行业码按 GB/T 4657 填写本县发布机构的代码；默认 000 仅为占位，内部二级码默认 000、扩展码默认 00' +
    '（依据为标准附录的转载本，未见正式文本）。',
  schema: zCapIdentifierCodes,
  default: { orgCode: '000', internalCode: '000', extensionCode: '00' },
});

export interface CapIdentifierPieces extends Partial<CapIdentifierCodes> {
  /** 6-digit GB/T 2260 code of the issuing area (the county). */
  areaCode: string;
  /** Entry time (录入时间), written in Beijing time. */
  at: Date;
  /** 0–9: the how-many-th warning entered in that second. */
  sequence: number;
}

/** China has kept one offset all year since 1991, so Beijing time is UTC+8 without a time-zone database. */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijingParts(date: Date): string[] {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const iso = new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ, shifted
  return [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13), iso.slice(14, 16), iso.slice(17, 19)];
}

/** `YYYY-MM-DDThh:mm:ss+08:00` in Beijing time, no fractions: the form CAP `sent`/`effective`/`expires` take. */
export function formatCapDateTime(date: Date): string {
  const [y, mo, d, h, mi, s] = beijingParts(date);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`;
}

/** A CAP date-time (any offset) as the UTC ISO instant the platform stores. */
export function capDateTimeToInstant(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${text}`);
  return new Date(ms).toISOString();
}

export function capIdentifier(pieces: CapIdentifierPieces): string {
  const defaults = CAP_IDENTIFIER_RULE.default;
  const codes = zCapIdentifierCodes.parse({
    orgCode: pieces.orgCode ?? defaults.orgCode,
    internalCode: pieces.internalCode ?? defaults.internalCode,
    extensionCode: pieces.extensionCode ?? defaults.extensionCode,
  });
  if (!/^\d{6}$/.test(pieces.areaCode)) throw new RangeError(`area code must be 6 digits: ${pieces.areaCode}`);
  if (!Number.isInteger(pieces.sequence) || pieces.sequence < 0 || pieces.sequence > 9) {
    throw new RangeError(`sequence must be 0–9: ${pieces.sequence}`);
  }
  const stamp = beijingParts(pieces.at).join('');
  return `${pieces.areaCode}${codes.orgCode}${codes.internalCode}${codes.extensionCode}_${stamp}_${pieces.sequence}`;
}

/** One earlier message an Update or Cancel refers to. */
export interface CapReference {
  sender: string;
  identifier: string;
  /** The earlier message's CAP `sent`, exactly as it was sent. */
  sent: string;
}

/** CAP `references`: space-separated "sender,identifier,sent" triples. */
export function formatCapReferences(references: CapReference[]): string {
  return references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}

export function parseCapReferences(text: string): CapReference[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((triple) => {
      const [sender = '', identifier = '', sent = ''] = triple.split(',');
      return { sender, identifier, sent };
    });
}
