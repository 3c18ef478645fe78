import { createHash } from 'node:crypto';
import mqtt from 'mqtt';
import type { Logger } from 'pino';
import { AppError } from '../../platform/errors.ts';
import type { IngestService } from './ingest.service.ts';
import { stationCodeOfTopic } from './mqtt.broker.ts';

export interface ExternalSubscription {
  /** Whether the client is connected to the broker now (it reconnects by itself). */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * Ingest from an external broker (Mosquitto, EMQX): the platform subscribes to yingji/stations/+/readings at QoS 1
 * with a persistent session (clean = false, a stable client id), and acknowledges each message to the broker only
 * after its readings are committed; so the broker keeps and resends whatever a crash cut off. Which device may
 * publish to which topic is the broker's ACL: here the station is the code in the topic.
 */
export async function subscribeExternal(
  ingest: IngestService,
  options: { url: string; log: Logger; database: string },
): Promise<ExternalSubscription> {
  // Stable per (broker, database): the broker keeps this platform's session and unacknowledged messages across restarts.
  const clientId = `yingji-ingest-${createHash('sha256').update(`${options.url}\n${options.database}`).digest('hex').slice(0, 12)}`;
  const client = mqtt.connect(options.url, { clientId, clean: false, reconnectPeriod: 1000, protocolVersion: 4 });
  client.on('error', (err) => options.log.warn({ err }, 'external mqtt error'));
  // mqtt.js sends the PUBACK when this callback is called.
  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') return done();
    const code = stationCodeOfTopic(packet.topic);
    const entry = code ? ingest.directory.byCode(code) : undefined;
    if (!entry) {
      options.log.warn({ topic: packet.topic }, 'mqtt reading for an unknown station dropped');
      return done();
    }
    ingest.ingestPayload(entry, packet.payload as Buffer).then(
      () => done(),
      (error: unknown) => {
        // A rate-limited device's message is dropped (counted); any other failure leaves it unacknowledged,
        // and the broker resends it after the reconnection.
        if (error instanceof AppError && error.code === 'DEVICE_RATE_LIMITED') return done();
        options.log.error({ err: error }, 'external mqtt ingest failed');
        client.end(true);
        client.reconnect();
      },
    );
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync('yingji/stations/+/readings', { qos: 1 });
  return {
    connected: () => client.connected,
    async close() {
      await client.endAsync();
    },
  };
}
