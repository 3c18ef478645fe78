import { describe, expect, it } from 'vitest';
import { readingsOfPayload, validateReadings } from './ingest.validate.ts';
import { buckets } from './ingest.writer.ts';

const NOW = Date.parse('2026-07-01T02:00:00.000Z');

describe('reading checks', () => {
  it('keeps canonical instants as sent and normalises other ISO spellings to UTC', () => {
    const { valid } = validateReadings(
      'rain_gauge',
      [
        { metric: 'rainfall_mm', value: 1, at: '2026-07-01T01:00:00.000Z' },
        { metric: 'rainfall_mm', value: 2, at: '2026-07-01T09:30:00+08:00' },
        { metric: 'rainfall_mm', value: 3, at: '2026-07-01T01:45Z' },
      ],
      NOW,
      600_000,
    );
    expect(valid.map((r) => r.at)).toEqual(['2026-07-01T01:00:00.000Z', '2026-07-01T01:30:00.000Z', '2026-07-01T01:45:00.000Z']);
  });

  it('refuses dates that do not exist, instants without a zone, and clocks never set, in either spelling', () => {
    const { valid, rejected } = validateReadings(
      'rain_gauge',
      [
        { metric: 'rainfall_mm', value: 1, at: '2026-02-30T01:00:00.000Z' },
        { metric: 'rainfall_mm', value: 1, at: '2026-02-30T09:00:00+08:00' },
        { metric: 'rainfall_mm', value: 1, at: '2026-07-01T01:00:00' },
        { metric: 'rainfall_mm', value: 1, at: '1970-01-01T00:00:00.000Z' },
        { metric: 'rainfall_mm', value: 1, at: 1751331600000 },
      ],
      NOW,
      600_000,
    );
    expect(valid).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(Array(5).fill('bad_timestamp'));
  });

  it('allows the configured tolerance into the future and no more', () => {
    const at = (ms: number) => new Date(NOW + ms).toISOString();
    const { valid, rejected } = validateReadings(
      'rain_gauge',
      [
        { metric: 'rainfall_mm', value: 1, at: at(600_000) },
        { metric: 'rainfall_mm', value: 1, at: at(600_001) },
      ],
      NOW,
      600_000,
    );
    expect(valid).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual(['future_timestamp']);
  });

  it('reads the three payload shapes and nothing else', () => {
    const r = { metric: 'rainfall_mm', value: 1, at: '2026-07-01T01:00:00.000Z' };
    expect(readingsOfPayload(JSON.stringify({ readings: [r] }))).toEqual([r]);
    expect(readingsOfPayload(JSON.stringify([r, r]))).toHaveLength(2);
    expect(readingsOfPayload(Buffer.from(JSON.stringify(r)))).toEqual([r]);
    expect(readingsOfPayload('{"readings": 3}')).toBeNull();
    expect(readingsOfPayload('nope')).toBeNull();
  });

  it('puts an instant in its UTC hour and its Asia/Shanghai day', () => {
    expect(buckets('2026-07-01T15:59:59.999Z')).toEqual({ hour: '2026-07-01T15:00:00.000Z', day: '2026-07-01' });
    expect(buckets('2026-07-01T16:00:00.000Z')).toEqual({ hour: '2026-07-01T16:00:00.000Z', day: '2026-07-02' });
    expect(buckets('2026-12-31T23:10:00.000Z').day).toBe('2027-01-01');
  });
});
