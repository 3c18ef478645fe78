import { runCli } from '../packages/server/test/cli.ts';
import { adminQuery, TEMPLATE_DB, urlFor } from '../packages/server/test/pg.ts';
const name = 'yingji_test_scratch_nearby';
await adminQuery(`drop database if exists "${name}" with (force)`);
await adminQuery(`create database "${name}"`);
const r = await runCli(['init', '--county', '441825', '--database-url', urlFor(name)]);
console.log(r);
await adminQuery(`drop database if exists "${name}" with (force)`);
