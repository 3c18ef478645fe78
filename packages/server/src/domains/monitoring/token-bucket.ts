/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. Ingest takes one per refused reading or message, so a
 * device that floods bad data runs dry and is refused outright for a while, at the cost of a map lookup.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private burst: number,
    private perSecond: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.at = nowMs;
  }

  configure(burst: number, perSecond: number): void {
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, burst);
  }

  private refill(nowMs: number): void {
    if (nowMs > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.at) / 1000) * this.perSecond);
      this.at = nowMs;
    }
  }

  /** Whether the bucket has at least one token (the device may be heard). */
  open(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= 1;
  }

  take(n: number, nowMs: number): void {
    this.refill(nowMs);
    this.tokens = Math.max(0, this.tokens - n);
  }

  /** Milliseconds until one token is back. */
  retryAfterMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
