// SMPP 3.4 message encoding and decoding that the `smpp` package leaves to its user: UCS-2 bodies with UDH
// concatenation for long Chinese texts, delivery-receipt parsing, and what each command_status means for a retry.
import type { PDU } from 'smpp';

export const DATA_CODING_UCS2 = 0x08;
/** esm_class bit: short_message starts with a user data header. */
export const ESM_CLASS_UDHI = 0x40;
/** esm_class message type of an SMSC delivery receipt (bits 2–5). */
export const ESM_CLASS_RECEIPT = 0x04;
/** 140 octets = 70 UCS-2 characters in one SMS; the 6-octet concatenation header leaves 67 per segment. */
export const SINGLE_SMS_CHARS = 70;
export const SEGMENT_CHARS = 67;
const MAX_SEGMENTS = 255;

/** Chinese mobile numbers: 11 digits starting 13–19, optionally written with +86 / 0086 / 86 and separators. */
export function normalizeMobile(address: string): string | undefined {
  const digits = address.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * The concatenation reference of a message: derived from its delivery id, so a resend after a restart carries the
 * same reference and a handset that already holds some of the segments can still join them.
 */
export function concatReference(deliveryId: string): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < deliveryId.length; i++) hash = Math.imul(hash ^ deliveryId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & 0xff;
}

const ucs2 = (text: string) => Buffer.from(text, 'utf16le').swap16();

/**
 * The short_message bodies of a text in UCS-2: one body when it fits 70 characters, otherwise segments of at most 67
 * characters, each behind a UDH (IEI 0x00: reference, total, sequence). A surrogate pair is never split. Undefined
 * when the text needs more than 255 segments.
 */
export function encodeSmsBodies(text: string, reference: number): Buffer[] | undefined {
  if (text.length <= SINGLE_SMS_CHARS) return [ucs2(text)];
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SEGMENT_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  if (parts.length > MAX_SEGMENTS) return undefined;
  return parts.map((part, i) => Buffer.concat([Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]), ucs2(part)]));
}

/** The concatenation header of a segment, as the `smpp` package hands decoded UDH elements over. */
export interface ConcatInfo {
  reference: number;
  total: number;
  sequence: number;
}

/** The text and concatenation info of a received submit_sm/deliver_sm (the package has decoded UCS-2 already). */
export function decodeShortMessage(pdu: PDU): { text: string; concat?: ConcatInfo } {
  const sm = pdu.short_message as { udh?: Buffer[]; message?: string | Buffer } | Buffer | undefined;
  if (!sm) return { text: typeof pdu.message_payload === 'string' ? pdu.message_payload : '' };
  if (Buffer.isBuffer(sm)) return { text: sm.toString('latin1') };
  const text = typeof sm.message === 'string' ? sm.message : (sm.message?.toString('latin1') ?? '');
  for (const element of sm.udh ?? []) {
    // IEI 0x00: 8-bit reference; IEI 0x08: 16-bit reference.
    if (element[0] === 0x00 && element.length >= 5) {
      return { text, concat: { reference: element[2]!, total: element[3]!, sequence: element[4]! } };
    }
    if (element[0] === 0x08 && element.length >= 6) {
      return { text, concat: { reference: element.readUInt16BE(2), total: element[4]!, sequence: element[5]! } };
    }
  }
  return { text };
}

export interface ParsedReceipt {
  messageId: string;
  state: 'delivered' | 'failed';
  error?: string;
}

// SMPP 3.4 §5.2.28 message_state values and the receipt's stat: texts (Appendix B).
const FINAL_STATES: Record<string, 'delivered' | 'failed'> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  UNKNOWN: 'failed',
};
const MESSAGE_STATE_NAMES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/**
 * A delivery receipt (deliver_sm with esm_class 0x04): the message id and final state, from the receipted_message_id
 * and message_state TLVs when present, otherwise from the text `id:… sub:… dlvrd:… … stat:DELIVRD err:000 text:…`.
 * Undefined for anything else: a mobile-originated SMS, or an intermediate state (ENROUTE, ACCEPTD).
 */
export function parseReceipt(pdu: PDU): ParsedReceipt | undefined {
  if ((((pdu.esm_class as number | undefined) ?? 0) & 0x3c) !== ESM_CLASS_RECEIPT) return undefined;
  const text = decodeShortMessage(pdu).text;
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
  const messageId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : field('id');
  const stat = typeof pdu.message_state === 'number' ? MESSAGE_STATE_NAMES[pdu.message_state] : field('stat')?.toUpperCase();
  const state = stat ? FINAL_STATES[stat] : undefined;
  if (!messageId || !state) return undefined;
  if (state === 'delivered') return { messageId, state };
  const err = field('err');
  return { messageId, state, error: `短信未送达 (${stat}${err ? ` err:${err}` : ''})` };
}

/** What a command_status means: a text for people and whether sending the same message again may succeed. */
export interface StatusMeaning {
  error: string;
  retryable: boolean;
}

// command_status values (SMPP 3.4 §5.1.3) that say the message itself is wrong: sending it again cannot succeed.
const PERMANENT: Record<number, string> = {
  0x01: '短信长度无效 (ESME_RINVMSGLEN)',
  0x06: '优先级标志无效 (ESME_RINVPRTFLG)',
  0x07: '回执标志无效 (ESME_RINVREGDLVFLG)',
  0x0a: '发送号码无效 (ESME_RINVSRCADR)',
  0x0b: '手机号码无效 (ESME_RINVDSTADR)',
  0x15: '服务类型无效 (ESME_RINVSERTYP)',
  0x43: 'esm_class 无效 (ESME_RINVESMCLASS)',
  0x48: '发送号码类型无效 (ESME_RINVSRCTON)',
  0x49: '发送号码编码无效 (ESME_RINVSRCNPI)',
  0x50: '接收号码类型无效 (ESME_RINVDSTTON)',
  0x51: '接收号码编码无效 (ESME_RINVDSTNPI)',
  0x61: '定时发送时间无效 (ESME_RINVSCHED)',
  0x62: '有效期无效 (ESME_RINVEXPIRY)',
  0x65: '短信网关永久拒绝 (ESME_RX_P_APPN)',
  0x66: '短信网关拒收 (ESME_RX_R_APPN)',
  0xc0: 'TLV 无效 (ESME_RINVTLVSTREAM)',
  0xc1: 'TLV 不允许 (ESME_RTLVNOTALLWD)',
  0xc2: 'TLV 长度无效 (ESME_RINVTLVLEN)',
  0xc3: '缺少 TLV (ESME_RMISSINGTLV)',
  0xc4: 'TLV 值无效 (ESME_RINVTLVVAL)',
  0x101: '短信网关禁止发送 (ESME_RPROHIBITED)',
  0x104: '编码方式无效 (ESME_RINVDCS)',
};

// Outages, overload and throttling: the same message may go through later.
const TRANSIENT: Record<number, string> = {
  0x04: '会话未绑定 (ESME_RINVBNDSTS)',
  0x08: '短信网关系统错误 (ESME_RSYSERR)',
  0x14: '短信网关队列已满 (ESME_RMSGQFUL)',
  0x45: '短信网关提交失败 (ESME_RSUBMITFAIL)',
  0x58: '短信网关限流 (ESME_RTHROTTLED)',
  0x64: '短信网关临时错误 (ESME_RX_T_APPN)',
  0xfe: '投递失败 (ESME_RDELIVERYFAILURE)',
  0xff: '短信网关未知错误 (ESME_RUNKNOWNERR)',
};

export const STATUS_THROTTLED = 0x58;

/**
 * Permanent codes are listed; everything else — the transient codes and any vendor-specific code — counts as
 * retryable: for a warning, trying again (the dispatcher limits attempts) is better than dropping a recipient.
 */
export function statusMeaning(status: number): StatusMeaning {
  const hex = `0x${status.toString(16).padStart(8, '0')}`;
  const permanent = PERMANENT[status];
  if (permanent) return { error: `${permanent} ${hex}`, retryable: false };
  return { error: `${TRANSIENT[status] ?? '短信网关返回错误'} ${hex}`, retryable: true };
}
