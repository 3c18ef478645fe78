import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { SYSTEM_ACTOR } from './platform/access/actor.ts';
import type { Platform } from './platform/platform.ts';
import { startMqttIngest } from './domains/monitoring/mqtt.ts';

/** Listens, runs background jobs, and shuts down cleanly on SIGINT/SIGTERM so no acknowledged write is cut off. */
export async function serve(platform: Platform, banner: (url: string) => void): Promise<FastifyInstance> {
  const adminPassword = await platform.users.bootstrapAdmin(SYSTEM_ACTOR, platform.config.adminPassword);
  if (adminPassword && !platform.config.adminPassword) {
    process.stdout.write(`\n首次启动：已创建管理员 admin，初始密码 ${adminPassword}（只显示这一次，登录后请修改）\n`);
  }
  const app = await buildApp(platform);
  const { port, host } = platform.config;
  await app.listen({ port, host });
  // 物资预警: the daily expiry and shortfall scan queues itself once a day from here on (idempotent).
  await platform.supplies.scheduleDailyScan();
  // 监测: the offline watchdog and raw-data retention queue themselves from here on (idempotent).
  await platform.monitoring.jobs.schedule();
  platform.jobs.start();
  // 预警: the outbox dispatcher, the expiry sweep and the CAP feed poller.
  platform.warnings.start();
  const mqtt = await startMqttIngest(platform);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  banner(`http://${shown}:${(app.server.address() as { port: number }).port}`);
  if (mqtt) process.stdout.write(`${mqtt.description}\n`);
  const stop = async (signal: string) => {
    platform.log.info({ signal }, 'shutting down');
    await app.close();
    await mqtt?.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}
