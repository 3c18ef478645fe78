import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, as `npm run yingji` would. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Configuration variables a developer's shell may carry, which a child server or CLI must not inherit. */
const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'DATA_DIR',
  'PORT',
  'HOST',
  'YINGJI_ADMIN_PASSWORD',
  'MQTT_MODE',
  'MQTT_PORT',
  'MQTT_URL',
];

/**
 * The environment of a child process running Yingji from source: this process's (PATH and the like) without its
 * Yingji configuration, plus what the test sets, so only that decides what the child touches.
 */
export function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return { ...env, ...settings };
}

/** Runs the real CLI (`yingji …`) from source in a child process; only the flags given here configure it. */
export function runCli(args: string[]): Promise<CliResult> {
  const env = childEnv({ LOG_LEVEL: 'silent' });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'packages/server/src/main.ts', ...args],
      { cwd: REPO_ROOT, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
