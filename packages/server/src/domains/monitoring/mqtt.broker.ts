import net from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { Logger } from 'pino';
import { AppError } from '../../platform/errors.ts';
import type { IngestService } from './ingest.service.ts';
import type { DirectoryEntry } from './station-directory.ts';

/** Devices publish their readings here; the code in the topic must be the station the device logged in as. */
export const READINGS_TOPIC = (code: string) => `yingji/stations/${code}/readings`;
const TOPIC_PATTERN = /^yingji\/stations\/([^/]+)\/readings$/;

export function stationCodeOfTopic(topic: string): string | null {
  return TOPIC_PATTERN.exec(topic)?.[1] ?? null;
}

export interface RunningBroker {
  port: number;
  close(): Promise<void>;
}

const authError = (returnCode: number, message: string): AuthenticateError =>
  Object.assign(new Error(message), { returnCode }) as AuthenticateError;

/**
 * The embedded MQTT broker (aedes). A device logs in with its station's MQTT user name and password and publishes
 * to yingji/stations/<code>/readings (JSON, the HTTP batch format). aedes sends a QoS 1 PUBACK only after
 * `authorizePublish` calls back, so the readings are checked and committed inside that hook: a PUBACK means durable.
 * Refused readings are counted and still acknowledged (resending them would not make them valid); a device whose
 * bad-input bucket is empty is disconnected without a PUBACK, and refused at log-in until the bucket refills.
 */
export async function startEmbeddedBroker(
  ingest: IngestService,
  options: { port: number; host?: string; log: Logger },
): Promise<RunningBroker> {
  const stationOf = new WeakMap<object, DirectoryEntry>();
  const broker = await Aedes.createBroker({
    // Device client ids are often their serial numbers, longer than MQTT 3.1's 23 characters.
    maxClientsIdLength: 128,
    authenticate(client, username, password, done) {
      ingest.byMqttLogin(username, password).then(
        (entry) => {
          if (!entry) return done(authError(4, 'bad user name or password'), false);
          if (ingest.isLimited(entry)) return done(authError(3, 'rate limited'), false);
          stationOf.set(client, entry);
          done(null, true);
        },
        (error: unknown) => done(authError(3, String(error)), false),
      );
    },
    authorizePublish(client, packet, callback) {
      const entry = client ? stationOf.get(client) : undefined;
      // Only devices publish, each to its own topic; anything else ends the connection.
      if (!entry || stationCodeOfTopic(packet.topic) !== entry.code) return callback(new Error('topic not allowed'));
      ingest.ingestPayload(entry, packet.payload as Buffer).then(
        () => callback(null),
        (error: unknown) => {
          if (!(error instanceof AppError && error.code === 'DEVICE_RATE_LIMITED'))
            options.log.error({ err: error, station: entry.code }, 'mqtt ingest failed');
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
    // Devices do not subscribe to anything here (a negative SUBACK, the connection stays).
    authorizeSubscribe(_client, _subscription, callback) {
      callback(null, null);
    },
  });
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
