import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshTarget } from '../../../test/db.ts';
import { ManualClock } from '../clock.ts';
import { InProcessBus, type BusEvent } from './bus.ts';
import { PostgresBus } from './pg-bus.ts';

const log = pino({ level: 'silent' });
const clock = new ManualClock('2026-07-01T02:00:00.000Z');

/** Resolves once `done()` holds, checking after each macrotask; the test timeout is the only limit. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('in-process bus', () => {
  it('delivers each event to every subscriber until it unsubscribes', async () => {
    const bus = new InProcessBus(clock);
    const a: BusEvent[] = [];
    const b: BusEvent[] = [];
    bus.subscribe((e) => a.push(e));
    const unsubscribeB = bus.subscribe((e) => b.push(e));

    await bus.publish('area.updated', '441825100201', { code: '441825100201', name: '永联村委会', population: 2345 });
    expect(a).toEqual([
      {
        type: 'area.updated',
        areaCode: '441825100201',
        at: '2026-07-01T02:00:00.000Z',
        data: { code: '441825100201', name: '永联村委会', population: 2345 },
      },
    ]);
    expect(b).toEqual(a);

    unsubscribeB();
    await bus.publish('user.changed', null, { id: 'u1', username: 'yonghe' });
    expect(a.map((e) => e.type)).toEqual(['area.updated', 'user.changed']);
    expect(b).toHaveLength(1);
    expect(bus.healthy()).toBe(true);
  });

  it('keeps delivering to the others, and does not fail the publisher, when a subscriber throws', async () => {
    const bus = new InProcessBus(clock);
    const before: string[] = [];
    const after: string[] = [];
    bus.subscribe((e) => before.push(e.type));
    bus.subscribe(() => {
      throw new Error('subscriber bug');
    });
    bus.subscribe((e) => after.push(e.type));

    await expect(bus.publish('user.changed', null, { id: 'u1', username: 'x' })).resolves.toBeUndefined();
    expect(before).toEqual(['user.changed']);
    expect(after).toEqual(['user.changed']);
  });
});

// LISTEN/NOTIFY needs PostgreSQL: this is the postgres leg, present whenever the run covers that dialect.
if (DIALECTS.includes('postgres')) {
  describe('PostgreSQL LISTEN/NOTIFY bus', () => {
    it('delivers an event published by one process exactly once to the subscribers of every process', async () => {
      const { target, remove } = await freshTarget('postgres');
      if (target.dialect !== 'postgres') throw new Error('expected a PostgreSQL target');
      const one = await PostgresBus.start(target.url, clock, log);
      const two = await PostgresBus.start(target.url, clock, log);
      try {
        expect([one.healthy(), two.healthy()]).toEqual([true, true]);
        const received = { one: [] as BusEvent[], two: [] as BusEvent[] };
        one.subscribe((e) => received.one.push(e));
        two.subscribe((e) => received.two.push(e));

        await one.publish('area.updated', '441825100', { code: '441825100', name: '永和镇', population: 1 });
        // A second event from the same session arrives after the first (NOTIFY keeps order), so once it is in,
        // any duplicate of the first would already have been delivered.
        await one.publish('user.changed', null, { id: 'end', username: 'end' });
        const sawEnd = (events: BusEvent[]) => events.some((e) => e.type === 'user.changed');
        await until(() => sawEnd(received.one) && sawEnd(received.two));

        for (const events of [received.one, received.two]) {
          expect(events.map((e) => e.type)).toEqual(['area.updated', 'user.changed']);
          expect(events[0]).toEqual({
            type: 'area.updated',
            areaCode: '441825100',
            at: '2026-07-01T02:00:00.000Z',
            data: { code: '441825100', name: '永和镇', population: 1 },
          });
        }
      } finally {
        await one.close();
        await two.close();
        await remove();
      }
    });

    it('sends concurrent publishes one at a time on its connection, in the order they were made', async () => {
      const { target, remove } = await freshTarget('postgres');
      if (target.dialect !== 'postgres') throw new Error('expected a PostgreSQL target');
      const bus = await PostgresBus.start(target.url, clock, log);
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(warning.message);
      process.on('warning', onWarning);
      try {
        const received: string[] = [];
        bus.subscribe((e) => received.push((e.data as { id: string }).id));
        const ids = Array.from({ length: 40 }, (_, i) => `u${i}`);
        await Promise.all(ids.map((id) => bus.publish('user.changed', null, { id, username: id })));
        await until(() => received.length === ids.length);
        expect(received).toEqual(ids);
        // pg warns (and will refuse in pg@9) when a query is issued while the client is still busy with another.
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
      } finally {
        process.off('warning', onWarning);
        await bus.close();
        await remove();
      }
    });
  });
}
