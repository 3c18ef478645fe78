#!/usr/bin/env node
import fs from 'node:fs';
import { Command } from 'commander';
import { DEMO_COUNTY, DEMO_PASSWORD, DEMO_USERS, loadDemo } from './demo/demo.ts';
import { startDemoChannels } from './demo/demo-channels.ts';
import { importAreaGeojson, type SourceCrs } from './domains/areas/areas.import.ts';
import { zRoadImportQuery } from '@yingji/contracts/roads.ts';
import { loadReferenceCounty, referenceCounties } from './domains/areas/areas.reference.ts';
import { zRole, zUserCreate } from '@yingji/contracts/auth.ts';
import { SYSTEM_ACTOR } from './platform/access/actor.ts';
import { backup, restore } from './platform/backup.ts';
import { CONFIG_FLAGS, configFromProcess, type Config } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { AppError } from './platform/errors.ts';
import { createPlatform, type Platform } from './platform/platform.ts';
import { VERSION } from './platform/version.ts';
import { serve } from './server.ts';
import { provisionSimStations, simulate } from './domains/monitoring/simulator.ts';

const program = new Command('yingji').description('Yingji 应急综合平台').version(VERSION);
for (const { flag, env } of CONFIG_FLAGS) program.option(`${flag} <value>`, `(环境变量 ${env})`);

function config(): Config {
  return configFromProcess(program.opts());
}

/** Runs a command against a platform and always closes it, so the CLI exits on its own. */
async function withPlatform<T>(work: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await createPlatform(config());
  try {
    return await work(platform);
  } finally {
    await platform.close();
  }
}

const areasDeps = (p: Platform) => ({ db: p.db, audit: p.audit, events: p.events, clock: p.clock });
const say = (line: string) => process.stdout.write(line + '\n');

program
  .command('start')
  .description('启动平台（应用迁移，首次启动创建管理员）')
  .action(async () => {
    const platform = await createPlatform(config());
    await serve(platform, (url) => say(`Yingji 已启动：${url}`));
  });

program
  .command('migrate')
  .description('应用所有待执行的数据库迁移')
  .action(async () => {
    const db = openDatabase(config().database);
    try {
      const applied = await migrateToLatest(db);
      say(applied.length ? `已应用迁移：\n  ${applied.join('\n  ')}` : '数据库已是最新');
    } finally {
      await db.close();
    }
  });

program
  .command('init')
  .description('加载一个县的行政区划（县—镇—村）与参考边界')
  .requiredOption('--county <code>', `县级行政区划代码，可选：${referenceCounties().join('、')}`)
  .action((options: { county: string }) =>
    withPlatform(async (platform) => {
      const result = await loadReferenceCounty(areasDeps(platform), SYSTEM_ACTOR, options.county);
      say(
        result.alreadyLoaded
          ? `${result.name} 已加载，未做改动`
          : `已加载 ${result.name}：${result.townships} 个乡镇（街道），${result.villages} 个村（社区）`,
      );
      const password = await platform.users.bootstrapAdmin(SYSTEM_ACTOR, platform.config.adminPassword);
      if (password && !platform.config.adminPassword) say(`已创建管理员 admin，初始密码 ${password}（只显示这一次）`);
    }),
  );

program
  .command('demo')
  .description('加载演示县（连山）与演示账号并启动平台')
  .option('--county <code>', '演示县', DEMO_COUNTY)
  .action(async (options: { county: string }) => {
    const demoChannels = await startDemoChannels(config());
    const platform = await createPlatform(demoChannels.config);
    const { county, adminPassword } = await loadDemo(platform, options.county);
    await serve(platform, (url) => {
      say(`\nYingji 应急综合平台（演示）已启动：${url}`);
      say(`演示县：${county.name}（${options.county}），${county.townships} 个乡镇，${county.villages} 个村（社区）`);
      say('乡镇与村的范围、人口为演示数据（地图上以虚线标示），县界为参考数据，均非权威边界。');
      if (demoChannels.describe) say(demoChannels.describe);
      say('\n演示账号：');
      if (adminPassword)
        say(`  admin       系统管理员          密码 ${adminPassword}${platform.config.adminPassword ? '' : '（只显示这一次）'}`);
      else say('  admin       系统管理员          密码见首次启动时的输出或 YINGJI_ADMIN_PASSWORD');
      if (options.county === DEMO_COUNTY) {
        for (const user of DEMO_USERS) say(`  ${user.username.padEnd(11)} ${user.displayName.padEnd(16)} 密码 ${DEMO_PASSWORD}`);
      }
      say(`\n接口文档：${url}/api/docs    健康检查：${url}/api/health\n`);
    });
  });

const importCommand = program.command('import').description('导入数据');
importCommand
  .command('areas-geojson <file>')
  .description('导入行政区划边界（GeoJSON FeatureCollection，属性 code 或 adcode）')
  .option('--crs <crs>', '源坐标系：wgs84、gcj02 或 bd09', 'wgs84')
  .action((file: string, options: { crs: SourceCrs }) =>
    withPlatform(async (platform) => {
      if (!['wgs84', 'gcj02', 'bd09'].includes(options.crs))
        throw new AppError('VALIDATION_FAILED', { crs: options.crs }, '--crs 应为 wgs84、gcj02 或 bd09');
      const input: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      const result = await importAreaGeojson(areasDeps(platform), SYSTEM_ACTOR, input, options.crs);
      say(`已导入 ${result.updated} 个区划的边界`);
    }),
  );
importCommand
  .command('roads <file>')
  .description('导入路网（GeoJSON LineString/MultiLineString，WGS-84，属性 name、class、closed），整体替换现有路网')
  .option('--snap-metres <m>', '端点相距不超过此距离（米）即视为相连', '5')
  .action((file: string, options: { snapMetres: string }) =>
    withPlatform(async (platform) => {
      const { snapMetres } = zRoadImportQuery.parse({ snapMetres: options.snapMetres });
      const input: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      const r = await platform.roads.import(SYSTEM_ACTOR, input, { snapMetres });
      say(
        `已导入路网：${r.features} 条道路，${r.edges} 个路段，${r.nodes} 个节点（${r.snapped} 处端点合并），替换原有 ${r.replaced} 个路段`,
      );
    }),
  );

program
  .command('simulate')
  .argument('<what>', 'sensors')
  .description('监测设备模拟器：创建/复用模拟站点 SIM-0001…，按速率上报逼真的读数（--storm 模拟一场越过阈值的暴雨）')
  .option('--stations <n>', '模拟站点数', '20')
  .option('--rate <r>', '每秒读数（全部站点合计）', '50')
  .option('--http <url>', '经 HTTP 批量接口上报到此平台地址，如 http://127.0.0.1:8080')
  .option('--mqtt <url>', '经 MQTT（QoS 1）上报到此代理，如 mqtt://127.0.0.1:1883')
  .option('--storm', '模拟暴雨：3 小时内雨强升至 60–80 毫米/小时，水位越过警戒水位')
  .option('--duration <s>', '运行秒数（0 为一直运行）', '0')
  .option('--county <code>', '站点所在县', DEMO_COUNTY)
  .action(
    async (
      what: string,
      o: { stations: string; rate: string; http?: string; mqtt?: string; storm?: boolean; duration: string; county: string },
    ) => {
      if (what !== 'sensors')
        throw new AppError('VALIDATION_FAILED', { what }, '用法：yingji simulate sensors --stations N --rate R');
      if (!o.http === !o.mqtt) throw new AppError('VALIDATION_FAILED', {}, '请给出 --http <平台地址> 或 --mqtt <代理地址> 之一');
      const count = Number(o.stations);
      const rate = Number(o.rate);
      if (!Number.isInteger(count) || count < 1 || !(rate > 0))
        throw new AppError('VALIDATION_FAILED', {}, '--stations 与 --rate 应为正数');
      const stations = await withPlatform((platform) => provisionSimStations(platform, o.county, count));
      say(
        `模拟 ${stations.length} 个站点，约 ${rate} 条读数/秒，经 ${o.http ? `HTTP ${o.http}` : `MQTT ${o.mqtt}`}${o.storm ? '，暴雨过程' : ''}`,
      );
      let last = Date.now();
      const result = await simulate(stations, {
        rate,
        ...(o.http && { http: o.http }),
        ...(o.mqtt && { mqtt: o.mqtt }),
        storm: o.storm ?? false,
        durationS: Number(o.duration),
        onProgress: (sent, acked, errors) => {
          if (Date.now() - last < 5000) return;
          last = Date.now();
          say(`已发送 ${sent} 条，已确认 ${acked} 条，失败 ${errors} 条`);
        },
      });
      say(
        `完成：${result.sent} 条读数，已确认 ${result.acked} 条，失败 ${result.errors} 条，用时 ${result.seconds.toFixed(1)} 秒`,
      );
    },
  );

const userCommand = program.command('user').description('用户管理');
userCommand
  .command('add')
  .description('新建用户')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .requiredOption('--role <role...>', `角色：${zRole.options.join('、')}`)
  .requiredOption('--area <code>', '辖区行政区划代码')
  .requiredOption('--password <password>')
  .option('--phone <phone>')
  .action((o: { username: string; name: string; role: string[]; area: string; password: string; phone?: string }) =>
    withPlatform(async (platform) => {
      const input = zUserCreate.parse({
        username: o.username,
        displayName: o.name,
        roles: o.role,
        areaCode: o.area,
        phone: o.phone ?? null,
        password: o.password,
      });
      const user = await platform.users.create(SYSTEM_ACTOR, input);
      say(`已创建用户 ${user.username}（${user.areaName}）`);
    }),
  );
userCommand
  .command('passwd <username>')
  .description('重设用户密码并解除锁定')
  .requiredOption('--password <password>')
  .action((username: string, o: { password: string }) =>
    withPlatform(async (platform) => {
      await platform.sessions.resetPassword(SYSTEM_ACTOR, username, o.password);
      say(`已重设 ${username} 的密码`);
    }),
  );

program
  .command('audit')
  .argument('<action>', 'verify')
  .description('审计日志：verify 校验哈希链')
  .action((action: string) =>
    withPlatform(async (platform) => {
      if (action !== 'verify') throw new AppError('VALIDATION_FAILED', { action }, '用法：yingji audit verify');
      const result = await platform.audit.verify();
      if (result.ok) say(`审计日志完整：已校验 ${result.checked} 条`);
      else {
        say(`审计日志被篡改：第 ${result.firstBadSeq} 条，${result.reason}（此前 ${result.checked} 条完好）`);
        process.exitCode = 3;
      }
    }),
  );

program
  .command('backup <file>')
  .description('在线备份数据库（SQLite 备份文件或 pg_dump 归档）')
  .action((file: string) =>
    withPlatform(async (platform) => {
      const { bytes } = await backup(platform.db, file);
      say(`已备份到 ${file}（${(bytes / 1024).toFixed(0)} KB）`);
    }),
  );

program
  .command('restore <file>')
  .description('从备份恢复数据库（请先停止平台）')
  .action(async (file: string) => {
    await restore(config().database, file);
    say(`已从 ${file} 恢复`);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`错误 [${error.code}]：${error.message}\n`);
    if (error.details !== undefined) process.stderr.write(JSON.stringify(error.details, null, 2) + '\n');
  } else if (error instanceof Error && error.name === 'ZodError') {
    process.stderr.write(`错误 [VALIDATION_FAILED]：${error.message}\n`);
  } else {
    process.stderr.write(`错误：${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
