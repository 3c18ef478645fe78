import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import type { AreasTable } from './areas.tables.ts';
import { areasRepo } from './areas.repo.ts';
import { levelNameOf } from './areas.rules.ts';
import type { AreasDeps } from './areas.service.ts';

interface ReferenceCounty {
  code: string;
  name: string;
  townships: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

/** data/reference in the repository, found from wherever this code runs (source in tests, bundle in production). */
export function referenceDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'data', 'reference');
    if (fs.existsSync(path.join(candidate, 'areas'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('data/reference not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function referenceCounties(): string[] {
  return fs
    .readdirSync(path.join(referenceDir(), 'areas'))
    .map((file) => path.basename(file, '.json'))
    .sort();
}

function readCounty(code: string): ReferenceCounty {
  const file = path.join(referenceDir(), 'areas', `${code}.json`);
  if (!/^\d{6}$/.test(code) || !fs.existsSync(file)) {
    fail(
      'COUNTY_UNKNOWN',
      { code, available: referenceCounties() },
      `没有县 ${code} 的参考数据，可选：${referenceCounties().join('、')}`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceCounty;
}

/** The county outline shipped as reference data (WGS-84), or null when none ships. */
export function referenceOutline(code: string): Record<string, unknown> | null {
  const file = path.join(referenceDir(), 'boundaries', `${code}.geojson`);
  if (!fs.existsSync(file)) return null;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { geometry: Record<string, unknown> }).geometry;
}

/**
 * `yingji init --county <code>`: loads the real county → township → village tree of a county (GB/T 2260 codes and
 * names) and its reference outline. Loading a county that is already there changes nothing.
 */
export async function loadReferenceCounty(
  deps: AreasDeps,
  actor: Actor,
  code: string,
): Promise<{ name: string; townships: number; villages: number; alreadyLoaded: boolean }> {
  assertCan(actor, 'areas:import');
  const county = readCounty(code);
  const villageCount = county.townships.reduce((n, t) => n + t.villages.length, 0);
  const summary = { name: county.name, townships: county.townships.length, villages: villageCount };
  const now = deps.clock.now().toISOString();
  const row = (c: string, name: string, level: AreasTable['level'], parent: string | null): AreasTable => ({
    code: c,
    name,
    level,
    level_name: levelNameOf(level, name),
    parent_code: parent,
    population: null,
    geometry: null,
    geometry_source: null,
    grid_officer_name: null,
    grid_officer_phone: null,
    created_at: now,
    updated_at: now,
  });
  const outline = referenceOutline(code);
  const rows: AreasTable[] = [
    {
      ...row(code, county.name, 'county', null),
      geometry: outline && JSON.stringify(outline),
      geometry_source: outline && 'reference',
    },
  ];
  for (const township of county.townships) {
    rows.push(row(township.code, township.name, 'township', code));
    for (const village of township.villages) rows.push(row(village.code, village.name, 'village', township.code));
  }
  return deps.db.kysely.transaction().execute(async (trx) => {
    if ((await areasRepo.existingCodes(trx, [code])).size > 0) return { ...summary, alreadyLoaded: true };
    await areasRepo.insertMany(trx, rows);
    await deps.audit.record(trx, actor, {
      action: 'area.load_reference',
      entity: 'area',
      entityId: code,
      areaCode: code,
      after: summary,
    });
    return { ...summary, alreadyLoaded: false };
  });
}
