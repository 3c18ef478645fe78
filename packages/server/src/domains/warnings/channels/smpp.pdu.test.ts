import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import {
  concatReference,
  decodeShortMessage,
  encodeSmsBodies,
  normalizeMobile,
  parseReceipt,
  statusMeaning,
} from './smpp.pdu.ts';

/** A PDU as the far end would receive it: encoded to bytes and decoded again by the `smpp` package. */
const overTheWire = (command: string, fields: Record<string, unknown>) => new smpp.PDU(new smpp.PDU(command, fields).toBuffer());

describe('SMS encoding', () => {
  it('keeps up to 70 characters in one UCS-2 body without a header', () => {
    const bodies = encodeSmsBodies('预'.repeat(70), 7)!;
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual(Buffer.from('9884'.repeat(70), 'hex'));
  });

  it('splits longer texts into 67-character segments behind a concatenation header', () => {
    const bodies = encodeSmsBodies('警'.repeat(71), 0xab)!;
    expect(bodies.map((b) => b.subarray(0, 6).toString('hex'))).toEqual(['050003ab0201', '050003ab0202']);
    expect(bodies.map((b) => (b.length - 6) / 2)).toEqual([67, 4]);
    expect(encodeSmsBodies('警'.repeat(200), 1)).toHaveLength(3);
    expect(encodeSmsBodies('警'.repeat(67 * 255 + 1), 1)).toBeUndefined();
  });

  it('never splits a surrogate pair between segments', () => {
    const text = '警'.repeat(66) + '😀' + '警'.repeat(10);
    const bodies = encodeSmsBodies(text, 1)!;
    const texts = bodies.map((b) => Buffer.from(b.subarray(6)).swap16().toString('utf16le'));
    expect(texts[0]).toBe('警'.repeat(66));
    expect(texts.join('')).toBe(text);
  });

  it('derives the concatenation reference from the delivery id, so a resend repeats it', () => {
    expect(concatReference('delivery-1')).toBe(concatReference('delivery-1'));
    expect(concatReference('delivery-1')).toBeLessThan(256);
  });

  it('decodes a segment received over the wire, 8-bit and 16-bit references', () => {
    const [first] = encodeSmsBodies('暴雨'.repeat(40), 9)!;
    const pdu = overTheWire('submit_sm', {
      destination_addr: '13800000001',
      esm_class: 0x40,
      data_coding: 8,
      short_message: first,
    });
    expect(decodeShortMessage(pdu)).toEqual({ text: '暴雨'.repeat(33) + '暴', concat: { reference: 9, total: 2, sequence: 1 } });
    const udh16 = Buffer.from('06080401020302', 'hex');
    const body = Buffer.concat([udh16, Buffer.from('山洪', 'utf16le').swap16()]);
    const pdu16 = overTheWire('submit_sm', { esm_class: 0x40, data_coding: 8, short_message: body });
    expect(decodeShortMessage(pdu16)).toEqual({ text: '山洪', concat: { reference: 0x0102, total: 3, sequence: 2 } });
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13800000001', '13800000001'],
    ['+86 138-0000-0001', '13800000001'],
    ['008613800000001', '13800000001'],
    ['8613800000001', '13800000001'],
    ['12800000001', undefined],
    ['1380000000', undefined],
    ['0763-6612345', undefined],
    ['a13800000001', undefined],
  ])('%s → %s', (input, expected) => expect(normalizeMobile(input)).toBe(expected));
});

describe('delivery receipts', () => {
  const receiptText = (stat: string) =>
    `id:0a1b2c sub:001 dlvrd:001 submit date:2607011200 done date:2607011201 stat:${stat} err:000 text:`;

  it('reads the id and state from the receipt text when the TLVs are absent', () => {
    const pdu = overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from(receiptText('DELIVRD')) });
    expect(parseReceipt(pdu)).toEqual({ messageId: '0a1b2c', state: 'delivered' });
    const failedPdu = overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from(receiptText('EXPIRED')) });
    expect(parseReceipt(failedPdu)).toMatchObject({
      messageId: '0a1b2c',
      state: 'failed',
      error: expect.stringContaining('EXPIRED'),
    });
  });

  it('prefers receipted_message_id and message_state', () => {
    const pdu = overTheWire('deliver_sm', {
      esm_class: 0x04,
      short_message: Buffer.from(receiptText('DELIVRD')),
      receipted_message_id: 'ffee01',
      message_state: 8, // REJECTED
    });
    expect(parseReceipt(pdu)).toMatchObject({ messageId: 'ffee01', state: 'failed', error: expect.stringContaining('REJECTD') });
  });

  it('ignores intermediate states and mobile-originated messages', () => {
    expect(
      parseReceipt(overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from(receiptText('ENROUTE')) })),
    ).toBeUndefined();
    expect(
      parseReceipt(overTheWire('deliver_sm', { esm_class: 0, short_message: Buffer.from(receiptText('DELIVRD')) })),
    ).toBeUndefined();
  });
});

describe('command_status', () => {
  it('retries outages, throttling and unknown codes, not bad messages', () => {
    expect(statusMeaning(0x58)).toEqual({ error: '短信网关限流 (ESME_RTHROTTLED) 0x00000058', retryable: true });
    expect(statusMeaning(0x14).retryable).toBe(true);
    expect(statusMeaning(0x0b)).toEqual({ error: '手机号码无效 (ESME_RINVDSTADR) 0x0000000b', retryable: false });
    expect(statusMeaning(0x66).retryable).toBe(false);
    expect(statusMeaning(0x400)).toEqual({ error: '短信网关返回错误 0x00000400', retryable: true });
  });
});
