// Delivery receipts of concatenated SMS: the gateway gives each segment its own message id and receipt, while the
// dispatcher knows a message by one providerId (its first segment's id). Segments are joined back here: delivered when
// every segment's receipt says so, failed at the first failed segment.
import type { DeliveryReceipt } from './channel.ts';
import type { ParsedReceipt } from './smpp.pdu.ts';

/** The segments of one submitted message, as their submit_sm_resp arrive. */
export interface SegmentGroup {
  accepted(index: number, messageId: string): void;
  /** The message failed at submission: its segments' receipts no longer matter. */
  abandon(): void;
}

interface Group extends SegmentGroup {
  providerId?: string;
  receiptsLeft: number;
  error?: string;
  done: boolean;
}

export class ReceiptAggregator {
  readonly listeners: Array<(receipt: DeliveryReceipt) => void> = [];
  /** Segment message id → its message's group. Insertion-ordered, so the oldest are dropped first beyond capacity. */
  private readonly segments = new Map<string, Group>();

  /**
   * @param capacity segments remembered. Beyond it (or after a restart) a segment's receipt is passed on under its own
   *   id: for a first segment that is the message's providerId, so the message still gets its receipt.
   */
  constructor(private readonly capacity = 200_000) {}

  group(total: number): SegmentGroup {
    const group: Group = {
      receiptsLeft: total,
      done: false,
      accepted: (index, messageId) => {
        this.segments.set(messageId, group);
        if (this.segments.size > this.capacity) this.segments.delete(this.segments.keys().next().value!);
        if (index === 0) group.providerId = messageId;
        this.report(group);
      },
      abandon: () => void (group.done = true),
    };
    return group;
  }

  /**
   * Handled after the current round of I/O: a receipt can arrive in the same read as its segment's submit_sm_resp,
   * whose handling (promise callbacks) registers the segment only once the read is processed.
   */
  receive(receipt: ParsedReceipt): void {
    setImmediate(() => this.process(receipt));
  }

  private process(receipt: ParsedReceipt): void {
    const group = this.segments.get(receipt.messageId);
    if (!group) {
      this.emit({ providerId: receipt.messageId, state: receipt.state, ...(receipt.error ? { error: receipt.error } : {}) });
      return;
    }
    this.segments.delete(receipt.messageId);
    group.receiptsLeft -= 1;
    if (receipt.state === 'failed') group.error ??= receipt.error ?? '短信未送达';
    this.report(group);
  }

  private report(group: Group): void {
    if (group.done || group.providerId === undefined) return;
    if (group.error !== undefined) {
      group.done = true;
      this.emit({ providerId: group.providerId, state: 'failed', error: group.error });
    } else if (group.receiptsLeft === 0) {
      group.done = true;
      this.emit({ providerId: group.providerId, state: 'delivered' });
    }
  }

  private emit(receipt: DeliveryReceipt): void {
    for (const listener of this.listeners) listener(receipt);
  }
}
