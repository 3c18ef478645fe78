import { describe, expect, it } from 'vitest';
import {
  CAP_IDENTIFIER_PATTERN,
  CAP_IDENTIFIER_RULE,
  capDateTimeToInstant,
  capIdentifier,
  formatCapDateTime,
  formatCapReferences,
  parseCapReferences,
} from './cap.identifier.ts';
import { CAP_SEVERITY_RULE, capGradingFor, warningLevelForCap, zCapSeverityTable } from './cap.severity.ts';

describe('capIdentifier (GB/T 35965.1 style)', () => {
  it('is 31 characters: area, org, internal and extension codes, Beijing entry time, sequence', () => {
    const id = capIdentifier({ areaCode: '441825', at: new Date('2026-06-12T01:30:05Z'), sequence: 3 });
    expect(id).toBe('44182500000000_20260612093005_3');
    expect(id).toHaveLength(31);
    expect(id).toMatch(CAP_IDENTIFIER_PATTERN);
  });

  it('takes the configurable code pieces, and writes the Beijing date after midnight UTC+8', () => {
    const id = capIdentifier({
      areaCode: '441825',
      orgCode: '195',
      internalCode: '012',
      extensionCode: '07',
      at: new Date('2026-12-31T16:30:00Z'),
      sequence: 9,
    });
    expect(id).toBe('44182519501207_20270101003000_9');
    expect(CAP_IDENTIFIER_RULE.default).toEqual({ orgCode: '000', internalCode: '000', extensionCode: '00' });
  });

  it('refuses pieces of the wrong length and a sequence outside 0–9', () => {
    const at = new Date('2026-06-12T01:30:05Z');
    expect(() => capIdentifier({ areaCode: '4418', at, sequence: 0 })).toThrow(RangeError);
    expect(() => capIdentifier({ areaCode: '441825', orgCode: '12', at, sequence: 0 })).toThrow(/机构行业码应为 3 位数字/);
    expect(() => capIdentifier({ areaCode: '441825', at, sequence: 10 })).toThrow(RangeError);
  });
});

describe('CAP date-times and references', () => {
  it('formats instants as Beijing time with +08:00 and no fractions', () => {
    expect(formatCapDateTime(new Date('2026-06-12T01:30:05.789Z'))).toBe('2026-06-12T09:30:05+08:00');
    expect(formatCapDateTime(new Date('2026-02-28T20:00:00Z'))).toBe('2026-03-01T04:00:00+08:00');
    expect(capDateTimeToInstant('2026-06-12T09:30:05+08:00')).toBe('2026-06-12T01:30:05.000Z');
    expect(capDateTimeToInstant('2026-06-12T09:30:05-05:00')).toBe('2026-06-12T14:30:05.000Z');
  });

  it('writes and reads references as sender,identifier,sent triples', () => {
    const references = [
      { sender: 'yjj.lianshan.gov.cn', identifier: '44182500000000_20260612093005_0', sent: '2026-06-12T09:30:05+08:00' },
      { sender: 'gd.weather', identifier: 'GD-1', sent: '2026-06-12T08:00:00+08:00' },
    ];
    const text = formatCapReferences(references);
    expect(text).toBe(
      'yjj.lianshan.gov.cn,44182500000000_20260612093005_0,2026-06-12T09:30:05+08:00 gd.weather,GD-1,2026-06-12T08:00:00+08:00',
    );
    expect(parseCapReferences(text)).toEqual(references);
  });
});

describe('level ↔ CAP severity table', () => {
  const table = CAP_SEVERITY_RULE.default;

  it('maps 红橙黄蓝 (一级最高) to Extreme, Severe, Moderate, Minor by default, by colour or by number', () => {
    expect(capGradingFor('red', table)).toEqual({ severity: 'Extreme', urgency: 'Immediate', certainty: 'Likely' });
    expect(capGradingFor(2, table).severity).toBe('Severe');
    expect(capGradingFor('yellow', table)).toEqual({ severity: 'Moderate', urgency: 'Expected', certainty: 'Likely' });
    expect(capGradingFor(4, table).severity).toBe('Minor');
  });

  it('follows an edited table, and finds the level of an incoming severity', () => {
    const edited = zCapSeverityTable.parse({
      ...table,
      orange: { severity: 'Severe', urgency: 'Expected', certainty: 'Observed' },
    });
    expect(capGradingFor('orange', edited)).toEqual({ severity: 'Severe', urgency: 'Expected', certainty: 'Observed' });
    expect(warningLevelForCap('Extreme', table)).toBe('red');
    expect(warningLevelForCap('Minor', table)).toBe('blue');
    expect(warningLevelForCap('Unknown', table)).toBeNull();
  });

  it('refuses a table that gives two levels the same severity', () => {
    const clash = { ...table, blue: { ...table.blue, severity: 'Moderate' } };
    expect(zCapSeverityTable.safeParse(clash).success).toBe(false);
  });
});
