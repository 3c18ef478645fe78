// Helpers shared by the channel adapters (no adapter imports another adapter).
import type { ChannelKind, SendOutcome } from './channel.ts';

/**
 * What send() throws when the whole channel is down (gateway unreachable, log-in refused): nothing in the batch reached
 * the far end, so the dispatcher keeps the batch queued and tries again later.
 */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly kind: ChannelKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelUnavailableError';
  }
}

export const failed = (id: string, error: string, retryable: boolean): SendOutcome => ({
  id,
  state: 'failed',
  error,
  retryable,
});

/** One message's outcome, marked when the far end could not be reached at all (connection refused, DNS, time-out). */
export type Attempt = SendOutcome & { unreachable?: boolean };

export const unreachable = (id: string, error: string): Attempt => ({ ...failed(id, error, true), unreachable: true });

/**
 * The batch rule of the per-message adapters (e-mail, webhook): when not one message of the batch reached the far end
 * because it could not be reached, the channel is down — throw, so the dispatcher backs off instead of spending the
 * messages' attempts. Otherwise each unreachable message is a retryable failure of its own.
 */
export function settleBatch(kind: ChannelKind, attempts: Attempt[]): SendOutcome[] {
  const first = attempts[0];
  if (first?.state === 'failed' && attempts.every((a) => a.unreachable)) {
    throw new ChannelUnavailableError(kind, first.error);
  }
  return attempts.map(({ unreachable: _, ...outcome }) => outcome as SendOutcome);
}

/** Error text for a person: the message of an Error (and its cause's code, e.g. ECONNREFUSED), or the value. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const code = (error as { code?: string }).code ?? cause?.code;
  const detail = cause?.message && cause.message !== error.message ? `: ${cause.message}` : '';
  return `${error.message}${detail}${code && !`${error.message}${detail}`.includes(code) ? ` (${code})` : ''}`;
}
