/** Every "now" in the server comes from a Clock so that tests can move time (deadlines, lock-outs, leases). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Instants are stored as fixed-width ISO 8601 UTC strings, so they sort and compare as text on both dialects. */
export function toInstant(date: Date): string {
  return date.toISOString();
}
