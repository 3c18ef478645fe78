import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseTarget } from './config.ts';
import type { Db } from './db/database.ts';
import { fail } from './errors.ts';

/** Runs a tool to completion; resolves with its standard output. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * `yingji backup <file>`: SQLite uses the online backup API (consistent while the server keeps writing);
 * PostgreSQL writes a pg_dump custom-format archive, restorable with pg_restore or `yingji restore`.
 */
export async function backup(db: Db, file: string): Promise<{ bytes: number }> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    if (db.dialect === 'sqlite') await db.sqlite!.backup(target);
    else await run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, (db.target as { url: string }).url]);
  } catch (error) {
    fail('BACKUP_FAILED', { file: target }, `备份失败：${(error as Error).message}`);
  }
  return { bytes: fs.statSync(target).size };
}

/**
 * `yingji restore <file>`: replaces the configured database with the backup. Run it with the server stopped.
 * A SQLite backup is checked to be a Yingji database before anything is replaced.
 */
export async function restore(target: DatabaseTarget, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) fail('BACKUP_FAILED', { file: source }, `备份文件不存在：${source}`);
  try {
    if (target.dialect === 'sqlite') {
      const probe = new SQLite(source, { readonly: true, fileMustExist: true });
      try {
        probe.prepare('select count(*) from schema_migrations').get();
        const check = probe.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
      } finally {
        probe.close();
      }
      fs.mkdirSync(path.dirname(target.file), { recursive: true });
      // Copy beside the live file, then rename: a crash mid-copy never leaves a half-written database.
      const staging = `${target.file}.restoring`;
      fs.copyFileSync(source, staging);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(target.file + suffix, { force: true });
      fs.renameSync(staging, target.file);
    } else {
      // As for SQLite: a pg_dump archive of some other database must not be restored over this one.
      const contents = await run('pg_restore', ['--list', source]);
      if (!/ TABLE DATA \S+ schema_migrations /.test(contents))
        throw new Error('不是 Yingji 数据库的备份（缺少 schema_migrations）');
      await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.url}`, source]);
    }
  } catch (error) {
    fail('BACKUP_FAILED', { file: source }, `恢复失败：${(error as Error).message}`);
  }
}
