import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { DIALECTS, freshTarget } from '../../../test/db.ts';

/** `yingji import roads <file>` as an operator runs it, on a real database of each dialect. */
describe.each(DIALECTS)('yingji import roads on %s', (dialect) => {
  let url: string;
  let remove: () => Promise<void>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-roads-cli-'));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const cli = (...args: string[]) => runCli([...args, '--database-url', url]);

  beforeAll(async () => {
    const fresh = await freshTarget(dialect);
    remove = fresh.remove;
    url = fresh.target.dialect === 'sqlite' ? fresh.target.file : fresh.target.url;
    expect((await cli('init', '--county', '441825')).code).toBe(0);
  });
  afterAll(async () => {
    await remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a GeoJSON road file, then refuses a bad one with its row errors and keeps the first', async () => {
    const line = (coordinates: number[][], properties: Record<string, unknown> = {}) => ({
      type: 'Feature',
      properties,
      geometry: { type: 'LineString', coordinates },
    });
    const good = write('roads.geojson', {
      type: 'FeatureCollection',
      features: [
        line(
          [
            [111.96, 24.66],
            [111.97, 24.66],
          ],
          { name: '永和大道', class: '县道' },
        ),
        line(
          [
            [111.97, 24.66],
            [111.97, 24.67],
          ],
          { closed: true },
        ),
      ],
    });
    const ok = await cli('import', 'roads', good);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('已导入路网：2 条道路，2 个路段，3 个节点（0 处端点合并），替换原有 0 个路段');

    const bad = write('bad.geojson', {
      type: 'FeatureCollection',
      features: [line([[111.96, 24.66]]), { type: 'Feature', properties: { name: 7 }, geometry: null }],
    });
    const refused = await cli('import', 'roads', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('错误 [GEOJSON_INVALID]：GeoJSON 数据有误');
    expect(refused.stderr).toContain('"row": 1');
    expect(refused.stderr).toContain('道路名称应为不超过 64 字的文字');
    const again = await cli('import', 'roads', good, '--snap-metres', '10');
    expect(again.stdout).toContain('替换原有 2 个路段');
  });
});
