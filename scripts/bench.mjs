// `npm run bench`: runs every script in bench/ in turn; each prints its figures and their ratio to a raw ceiling.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const scripts = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n▶ bench/${script}`);
  const result = spawnSync('node', ['--import', 'tsx', `bench/${script}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
