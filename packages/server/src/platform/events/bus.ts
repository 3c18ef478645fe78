import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.ts';

/**
 * The typed event catalogue. Each domain adds its events by declaration merging:
 *   declare module '../../platform/events/bus.ts' { interface YingjiEvents { 'alarm.raised': AlarmRaised } }
 */
export interface YingjiEvents {
  'area.updated': { code: string; name: string; population: number | null };
  'area.grid_created': { code: string; parentCode: string; name: string };
  'user.changed': { id: string; username: string };
}

export type EventType = keyof YingjiEvents;

export interface BusEvent<K extends EventType = EventType> {
  type: K;
  /** The area the event concerns; subscribers (the live feed) deliver it only to users whose scope covers it. */
  areaCode: string | null;
  at: string;
  data: YingjiEvents[K];
}

export interface EventBus {
  readonly transport: 'in-process' | 'postgres-notify';
  /** Call after the transaction that caused the event has committed. */
  publish<K extends EventType>(type: K, areaCode: string | null, data: YingjiEvents[K]): Promise<void>;
  subscribe(handler: (event: BusEvent) => void): () => void;
  healthy(): boolean;
  close(): Promise<void>;
}

/** Delivers to local subscribers; shared by both transports. */
export class LocalFanout {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  deliver(event: BusEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(handler: (event: BusEvent) => void): () => void {
    // A failing subscriber must not stop the others or the publisher.
    const safe = (event: BusEvent) => {
      try {
        handler(event);
      } catch {
        /* the subscriber logs its own failures */
      }
    };
    this.emitter.on('event', safe);
    return () => this.emitter.off('event', safe);
  }
}

export class InProcessBus implements EventBus {
  readonly transport = 'in-process' as const;
  private readonly fanout = new LocalFanout();

  constructor(private readonly clock: Clock) {}

  async publish<K extends EventType>(type: K, areaCode: string | null, data: YingjiEvents[K]): Promise<void> {
    this.fanout.deliver({ type, areaCode, at: this.clock.now().toISOString(), data });
  }

  subscribe(handler: (event: BusEvent) => void): () => void {
    return this.fanout.subscribe(handler);
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
