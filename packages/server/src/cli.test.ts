import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/cli.ts';
import { DIALECTS, freshTarget } from '../test/db.ts';
import type { DatabaseTarget } from './platform/config.ts';

/** The operator's commands, run as a person runs them: a real process against a real database of each dialect. */
describe.each(DIALECTS)('yingji CLI on %s', (dialect) => {
  let target: DatabaseTarget;
  let remove: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    ({ target, remove } = await freshTarget(dialect));
    url = target.dialect === 'sqlite' ? target.file : target.url;
  });
  afterAll(() => remove());

  const cli = (...args: string[]) => runCli([...args, '--database-url', url]);

  it('migrates, then has nothing left to apply', async () => {
    expect((await cli('migrate')).code).toBe(0);
    const again = await cli('migrate');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('数据库已是最新');
  });

  it('loads a seed county once and creates the first administrator', async () => {
    const first = await cli('init', '--county', '440983');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已加载 信宜市：21 个乡镇（街道），403 个村（社区）');
    expect(first.stdout).toMatch(/已创建管理员 admin，初始密码 \S+/);
    const second = await cli('init', '--county', '440983');
    expect(second.stdout).toContain('信宜市 已加载，未做改动');
    expect(second.stdout).not.toContain('初始密码');
    const unknown = await cli('init', '--county', '110101');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('COUNTY_UNKNOWN');
  });

  it('adds users and resets passwords, refusing bad input', async () => {
    const added = await cli(
      'user',
      'add',
      '--username',
      'dongzhen',
      '--name',
      '东镇街道应急办',
      '--role',
      'township_officer',
      '--area',
      '440983001',
      '--password',
      'Dongzhen-2026',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('已创建用户 dongzhen（东镇街道）');
    const badRole = await cli(
      'user',
      'add',
      '--username',
      'x1x',
      '--name',
      'x',
      '--role',
      'emperor',
      '--area',
      '440983',
      '--password',
      'Whatever-2026',
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('VALIDATION_FAILED');
    const badArea = await cli(
      'user',
      'add',
      '--username',
      'x2x',
      '--name',
      'x',
      '--role',
      'readonly',
      '--area',
      '440983999',
      '--password',
      'Whatever-2026',
    );
    expect(badArea.stderr).toContain('AREA_NOT_FOUND');
    expect((await cli('user', 'passwd', 'dongzhen', '--password', 'short')).code).toBe(1);
    const reset = await cli('user', 'passwd', 'dongzhen', '--password', 'Dongzhen-2027');
    expect(reset.code).toBe(0);
    expect((await cli('audit', 'verify')).stdout).toContain('审计日志完整');
  });

  it('backs up and restores through the command line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-cli-backup-'));
    const file = path.join(dir, 'backup.bin');
    const backup = await cli('backup', file);
    expect(backup.code).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await cli(
      'user',
      'add',
      '--username',
      'later',
      '--name',
      '备份之后',
      '--role',
      'readonly',
      '--area',
      '440983',
      '--password',
      'Later-pass-2026',
    );
    const restored = await cli('restore', file);
    expect(restored.code).toBe(0);
    // The user added after the backup is gone; adding it again works because the name is free.
    const again = await cli(
      'user',
      'add',
      '--username',
      'later',
      '--name',
      '备份之后',
      '--role',
      'readonly',
      '--area',
      '440983',
      '--password',
      'Later-pass-2026',
    );
    expect(again.code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
