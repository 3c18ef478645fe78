import { execFile, spawn, type ChildProcess } from 'node:child_process';
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
  'SMPP_URL',
  'SMPP_SOURCE',
  'SMPP_WINDOW',
  'SMTP_URL',
  'SMTP_FROM',
  'BROADCAST_ENDPOINTS',
  'WEBHOOK_URLS',
  'WEBHOOK_SECRET',
  'CAP_FEEDS',
  'PUBLIC_URL',
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

/** `yingji start` from source in a child process against a database, with what `ready` reads from its output. */
export interface ServerProcess<T> {
  child: ChildProcess;
  ready: T;
}

/**
 * Starts `yingji start` from source with only `settings` configuring it, and resolves once `ready` finds what it
 * needs in the output (e.g. the URL it listens at); rejects with the output if the server exits first.
 */
export function startServer<T>(
  databaseUrl: string,
  settings: Record<string, string>,
  ready: (output: string) => T | null,
): Promise<ServerProcess<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts', 'start'], {
    cwd: REPO_ROOT,
    env: childEnv({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...settings }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      const found = ready(output);
      if (found !== null) {
        clearInterval(check);
        resolve({ child, ready: found });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`server exited ${code}:\n${output}`));
    });
  });
}

/** Stops a server child: SIGTERM is a graceful stop, SIGKILL a crash. Resolves when it has exited. */
export function stopServer(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
