import type { AreaLevel } from '@yingji/contracts/areas.ts';

const LEVEL_BY_LENGTH: Record<number, AreaLevel> = { 6: 'county', 9: 'township', 12: 'village' };

/** The tier a GB/T 2260 code belongs to; 15-digit codes (groups, grids) carry their tier explicitly. */
export function levelOfCode(code: string): AreaLevel | null {
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

export function parentOfCode(code: string): string | null {
  if (code.length === 15) return code.slice(0, 12);
  if (code.length === 12) return code.slice(0, 9);
  if (code.length === 9) return code.slice(0, 6);
  return null;
}

/**
 * The real word for a tier, read off the official name: counties are 县, 区 or 市 (县级市); townships are 镇, 乡,
 * 街道 or a state farm or forest (林场/农场); villages are 村 or 社区 (居委会).
 */
export function levelNameOf(level: AreaLevel, name: string): string {
  switch (level) {
    case 'county':
      return name.endsWith('区') ? '区' : name.endsWith('市') ? '市' : '县';
    case 'township':
      for (const word of ['街道', '镇', '乡', '林场', '农场', '管委会', '开发区']) {
        if (name.includes(word)) return word;
      }
      return '镇';
    case 'village':
      return /居委会|社区/.test(name) ? '社区' : '村';
    case 'group':
      return '组';
    case 'grid':
      return '网格';
  }
}

/** Next free 3-digit suffix under a village for a new group or grid. */
export function nextChildCode(parentCode: string, existing: string[]): string {
  const used = new Set(existing.map((code) => Number(code.slice(parentCode.length))));
  for (let n = 1; n <= 999; n += 1) {
    if (!used.has(n)) return parentCode + String(n).padStart(3, '0');
  }
  throw new Error(`no free code under ${parentCode}`);
}
