import type { BrokerStatus } from '@yingji/contracts/health.ts';
import type { Platform } from '../../platform/platform.ts';
import { startEmbeddedBroker } from './mqtt.broker.ts';
import { subscribeExternal } from './mqtt.external.ts';

export interface MqttIngest {
  /** What to print at start: where devices connect. */
  description: string;
  /** For /api/health. */
  status(): BrokerStatus;
  close(): Promise<void>;
}

/**
 * Starts MQTT ingest as configured: the embedded broker (default), a subscription to an external broker
 * (MQTT_URL), or nothing (MQTT_MODE=off). A port already taken is reported and the platform runs on without MQTT,
 * since HTTP ingest and everything else still work.
 */
export async function startMqttIngest(platform: Platform): Promise<MqttIngest | null> {
  const { config, log } = platform;
  const ingest = platform.monitoring.ingest;
  const mode = config.mqttMode ?? (config.mqttUrl ? 'external' : 'embedded');
  if (mode === 'off') return null;
  const report = (ingest: MqttIngest) => {
    platform.monitoring.reportMqtt(() => ingest.status());
    return ingest;
  };
  if (mode === 'external') {
    if (!config.mqttUrl) throw new Error('MQTT_MODE=external 需要 MQTT_URL');
    const database = config.database.dialect === 'sqlite' ? config.database.file : config.database.url;
    const sub = await subscribeExternal(ingest, { url: config.mqttUrl, log, database });
    const shown = new URL(config.mqttUrl);
    shown.password = '';
    const description = `MQTT 接入：订阅外部代理 ${shown.toString()}`;
    return report({
      description,
      status: () => ({ state: sub.connected() ? 'connected' : 'disconnected', detail: description }),
      close: () => sub.close(),
    });
  }
  try {
    const broker = await startEmbeddedBroker(ingest, { port: config.mqttPort, host: config.host, log });
    const description = `MQTT 接入：内置代理 mqtt://${config.host}:${broker.port}`;
    return report({ description, status: () => ({ state: 'running', detail: description }), close: () => broker.close() });
  } catch (error) {
    log.error({ err: error, port: config.mqttPort }, 'embedded MQTT broker could not start; MQTT ingest is off');
    const description = `MQTT 接入未启动：端口 ${config.mqttPort} 不可用（可能已被其他 MQTT 代理占用；设 MQTT_PORT 换端口，或 MQTT_URL 接入该代理）`;
    return report({ description, status: () => ({ state: 'disabled', detail: description }), close: async () => undefined });
  }
}
