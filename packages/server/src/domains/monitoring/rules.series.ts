/**
 * The recent readings of one station and metric, in timestamp order, for window rules (rainfall sums, displacement
 * rates). Appending the newest reading is O(1); a late reading is inserted in place (O(n) over at most the horizon,
 * which is rare). Prefix sums make any window sum two binary searches. Readings older than the horizon are dropped.
 */
export class Series {
  private times: number[] = [];
  private values: number[] = [];
  /** prefix[i] = values[0] + … + values[i-1] (prefix has one more entry than values). */
  private prefix: number[] = [0];
  private appendsSinceTrim = 0;

  constructor(
    /** How far back (ms) from the newest reading the windows reach. */
    private horizonMs: number,
  ) {}

  get length(): number {
    return this.times.length;
  }

  /** The newest reading's time (ms), or -Infinity when empty. */
  get last(): number {
    return this.times.length === 0 ? -Infinity : this.times[this.times.length - 1]!;
  }

  lastValue(): number | null {
    return this.values.length === 0 ? null : this.values[this.values.length - 1]!;
  }

  widen(horizonMs: number): void {
    this.horizonMs = Math.max(this.horizonMs, horizonMs);
  }

  /**
   * Adds a reading. Returns 'newest' when it is now the last one, 'late' when it was placed before the newest,
   * 'duplicate' when a reading with that time is already held (ingest stores a device's timestamp once, and the
   * lazy load may return readings the sink is about to be given), 'stale' when it is older than the horizon.
   */
  add(at: number, value: number): 'newest' | 'late' | 'duplicate' | 'stale' {
    const n = this.times.length;
    if (n === 0 || at > this.times[n - 1]!) {
      this.times.push(at);
      this.values.push(value);
      this.prefix.push(this.prefix[n]! + value);
      if ((this.appendsSinceTrim += 1) >= 256) this.trim();
      return 'newest';
    }
    if (at < this.last - this.horizonMs) return 'stale';
    const i = this.firstAtOrAfter(at);
    if (this.times[i] === at) return 'duplicate';
    this.times.splice(i, 0, at);
    this.values.splice(i, 0, value);
    this.prefix.length = i + 1;
    for (let k = i; k < this.values.length; k += 1) this.prefix.push(this.prefix[k]! + this.values[k]!);
    return 'late';
  }

  /** Sum of the values with time in (end − span, end]. */
  sumOver(end: number, spanMs: number): number {
    const hi = this.firstAfter(end);
    const lo = this.firstAfter(end - spanMs);
    return hi > lo ? this.prefix[hi]! - this.prefix[lo]! : 0;
  }

  /**
   * The oldest and newest readings with time in [end − span, end] (for a rate over a window), or null when the
   * window holds fewer than two readings.
   */
  endsOf(end: number, spanMs: number): { first: { at: number; value: number }; last: { at: number; value: number } } | null {
    const hi = this.firstAfter(end) - 1;
    const lo = this.firstAtOrAfter(end - spanMs);
    if (hi - lo < 1) return null;
    return {
      first: { at: this.times[lo]!, value: this.values[lo]! },
      last: { at: this.times[hi]!, value: this.values[hi]! },
    };
  }

  /** Readings in [from, to), for daily totals. */
  sumBetween(from: number, to: number): { sum: number; count: number } {
    const lo = this.firstAtOrAfter(from);
    const hi = this.firstAtOrAfter(to);
    return { sum: hi > lo ? this.prefix[hi]! - this.prefix[lo]! : 0, count: Math.max(0, hi - lo) };
  }

  /** The first index whose time is ≥ at. */
  private firstAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index whose time is > at. */
  private firstAfter(at: number): number {
    // The common case: judging at the newest reading.
    if (at >= this.last) return this.times.length;
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops what lies beyond the horizon, rebasing the prefix sums so they stay small (no drift from huge totals). */
  private trim(): void {
    this.appendsSinceTrim = 0;
    const cut = this.firstAtOrAfter(this.last - this.horizonMs);
    if (cut === 0) return;
    const base = this.prefix[cut]!;
    this.times.splice(0, cut);
    this.values.splice(0, cut);
    this.prefix = this.prefix.slice(cut).map((p) => p - base);
  }
}
