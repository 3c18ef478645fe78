import type { Logger } from 'pino';
import { AreasService } from '../domains/areas/areas.service.ts';
import { NearbyService } from '../domains/nearby/index.ts';
import { RoadsService } from '../domains/roads/index.ts';
import { SheltersDomain } from '../domains/shelters/index.ts';
import { MonitoringDomain } from '../domains/monitoring/index.ts';
import { RescueService } from '../domains/rescue/rescue.service.ts';
import { SuppliesService } from '../domains/supplies/index.ts';
import { WarningsDomain } from '../domains/warnings/index.ts';
import { createChannels, warningAudioDir, type Channel, type ChannelKind } from '../domains/warnings/channels/channel.ts';
import { synthesizeWarningAudio } from '../domains/warnings/channels/tts.ts';
import { PlansDomain } from '../domains/plans/index.ts';
import { SYSTEM_ACTOR, type Actor } from './access/actor.ts';
import { AuditLog } from './audit/audit.ts';
import { SessionsService } from './auth/sessions.service.ts';
import { UsersService } from './auth/users.service.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { InProcessBus, type EventBus } from './events/bus.ts';
import { PostgresBus } from './events/pg-bus.ts';
import { JobQueue } from './jobs/queue.ts';
import { RulesService } from './rules/rules.ts';
import { createLogger } from './logger.ts';

/** Everything a running Yingji needs, wired once: the composition root shared by the server, the CLI and tests. */
export interface Platform {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  audit: AuditLog;
  events: EventBus;
  jobs: JobQueue;
  rules: RulesService;
  sessions: SessionsService;
  users: UsersService;
  areas: AreasService;
  roads: RoadsService;
  nearby: NearbyService;
  /** 避难场所、防护目标、责任人 (domains/shelters). */
  shelters: SheltersDomain;
  rescue: RescueService;
  /** 应急物资: catalogue, warehouses, stock ledger, transfers, alerts (domains/supplies). */
  supplies: SuppliesService;
  /** 监测预警: stations, ingest, latest values, watchdog (domains/monitoring). */
  monitoring: MonitoringDomain;
  /** 预警信息发布: lifecycle, CAP, recipients, the outbox and its channels, receipts and coverage (domains/warnings). */
  warnings: WarningsDomain;
  /** 应急预案与演练: register, lifecycle, digital plans and matching, 处置卡, drills (domains/plans). */
  plans: PlansDomain;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  log?: Logger;
  /** Use an already-open database (tests hand in a fresh one). */
  db?: Db;
  /** The warning channels (tests hand in channels to loopback servers); default: those the config sets up. */
  channels?: Map<ChannelKind, Channel>;
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const db = options.db ?? openDatabase(config.database);
  await migrateToLatest(db);
  const events: EventBus =
    config.database.dialect === 'postgres' ? await PostgresBus.start(config.database.url, clock, log) : new InProcessBus(clock);
  const audit = new AuditLog(db, clock);
  const jobs = new JobQueue(db, clock, log);
  const rules = new RulesService({ db, audit, clock });
  const areas = new AreasService({ db, audit, events, clock });
  const users = new UsersService({ db, audit, events, clock, areas });
  const shelters = new SheltersDomain({ db, audit, events, clock, rules, areas });
  const sessions = new SessionsService({ db, audit, clock, config });
  const roads = new RoadsService({ db, audit, events, clock, areas, rules, log });
  // 周边资源: each register with positions joins the spatial search with one registerService call.
  const nearby = new NearbyService({ events, log, roads });
  const supplies = new SuppliesService({ db, audit, events, clock, jobs, rules, areas });
  nearby.registerService({
    kinds: ['warehouse'],
    allLocated: () => supplies.allLocated(),
    invalidatedBy: ['supplies.changed'],
    permission: 'supplies:read',
  });
  // Equipment may be held by a warehouse of the supplies domain: rescue asks supplies, never its tables.
  const warehouses = {
    exists: (actor: Actor, id: string) =>
      supplies.getWarehouse(actor, id).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'WAREHOUSE_NOT_FOUND') return false;
          throw error;
        },
      ),
    // The warehouse's own area, so its equipment is scoped like the warehouse (asked after exists() said yes).
    areaOf: (id: string) =>
      supplies.getWarehouse(SYSTEM_ACTOR, id).then(
        (warehouse) => warehouse.areaCode,
        () => null,
      ),
  };
  const rescue = new RescueService({ db, audit, events, clock, rules, areas, warehouses });
  nearby.registerService({
    kinds: ['team', 'expert'],
    allLocated: () => rescue.allLocated(),
    invalidatedBy: ['rescue.changed'],
    permission: 'rescue:read',
  });
  nearby.registerService({
    kinds: ['shelter', 'target'],
    allLocated: () => shelters.allLocated(),
    invalidatedBy: ['shelters.changed'],
    permission: 'shelters:read',
  });
  // 监测预警: the station directory and latest values are loaded before anything may ingest.
  const monitoring = new MonitoringDomain({ db, audit, events, clock, rules, areas, jobs, log });
  await monitoring.start();
  const warnings = new WarningsDomain(
    { db, audit, events, clock, rules, jobs, log, config, areas, dutyHolders: (codes) => shelters.dutyHoldersFor(codes) },
    {
      channels: options.channels ?? createChannels(config, log, { clock }),
      // 大喇叭 audio, made once per warning text: pushed to loudspeakers and played in the web app.
      audio: (text) => synthesizeWarningAudio(text, warningAudioDir(config)),
    },
  );
  // 转预警草稿: an alarm becomes a warning draft pre-filled with its hazard, level and village.
  monitoring.evaluation.alarms.setConverter('warning', (actor, alarm) => warnings.warnings.draftFromAlarm(actor, alarm));
  // 应急预案与演练: attachments are kept under the data directory.
  const plans = new PlansDomain({ db, audit, events, clock, rules, areas, dataDir: config.dataDir });
  return {
    config,
    log,
    clock,
    db,
    audit,
    events,
    jobs,
    rules,
    sessions,
    users,
    areas,
    roads,
    nearby,
    shelters,
    rescue,
    supplies,
    monitoring,
    warnings,
    plans,
    async close() {
      await warnings.stop();
      await monitoring.stop();
      nearby.close();
      roads.close();
      await jobs.stop();
      await events.close();
      await db.close();
    },
  };
}
