// `npm test`: the whole suite as CI runs it — typecheck, lint, build (the browser tests need the built app), then every
// test file on SQLite and PostgreSQL, ending with one plain summary line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

function step(title, command, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

for (const [title, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['build', 'build'],
]) {
  const status = step(title, 'npm', ['run', '--silent', script]);
  if (status !== 0) {
    process.stdout.write(`\n${title} failed\ntests: 0 passed, 1 failed\n`);
    process.exit(status);
  }
}

fs.mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
const status = step('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(
    `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(status);
