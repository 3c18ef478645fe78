import { CAP_DATETIME_PATTERN, type CapAlert, type CapArea, type CapError } from '@yingji/contracts/cap.ts';
import { readCapCircle, readCapPolygon } from './cap.geo.ts';

/**
 * The CAP 1.2 rules the XSD cannot express (domain-rules B.1), checked on structured data: applies to documents
 * received from outside (after the schema) and to alerts this server builds before it exports them.
 */

/** CAP 1.2 §3.2.1: identifier and sender "MUST NOT include spaces, commas or restricted characters (< and &)". */
const RESTRICTED = /[\s,<&]/;
/** Message types that act on earlier messages, named in <references>. */
const NEEDS_REFERENCES = new Set(['Update', 'Cancel', 'Ack', 'Error']);

function dateProblem(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!CAP_DATETIME_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
    return `${name} 的时间“${value}”应为 YYYY-MM-DDThh:mm:ss+08:00 格式（须带时区偏移，不用 Z，不带小数秒）`;
  }
  return null;
}

function referencesProblems(alert: CapAlert): string[] {
  if (!NEEDS_REFERENCES.has(alert.msgType)) return [];
  const references = (alert.references ?? '').trim();
  if (references === '')
    return [`msgType 为 ${alert.msgType} 时必须有 references（被更新或解除的原预警：sender,identifier,sent）`];
  return references
    .split(/\s+/)
    .filter((triple) => {
      const parts = triple.split(',');
      return parts.length !== 3 || parts.some((p) => p === '') || dateProblem('references', parts[2]) !== null;
    })
    .map((triple) => `references 中的“${triple}”应为 sender,identifier,sent 三项，以逗号分隔`);
}

function areaProblems(area: CapArea, where: string): string[] {
  const problems: string[] = [];
  area.polygon.forEach((text, i) => {
    const read = readCapPolygon(text);
    if ('error' in read) problems.push(`${where}.polygon[${i + 1}]：${read.error}`);
  });
  area.circle.forEach((text, i) => {
    const read = readCapCircle(text);
    if ('error' in read) problems.push(`${where}.circle[${i + 1}]：${read.error}`);
  });
  if (area.ceiling !== undefined && area.altitude === undefined) problems.push(`${where}：有 ceiling 时必须有 altitude`);
  if (area.ceiling !== undefined && area.altitude !== undefined && area.ceiling < area.altitude) {
    problems.push(`${where}：ceiling 不应低于 altitude`);
  }
  return problems;
}

export function checkCapSemantics(alert: CapAlert): CapError[] {
  const problems: (string | null)[] = [];
  if (RESTRICTED.test(alert.identifier) || alert.identifier === '')
    problems.push('identifier 不能为空，且不得含空格、逗号、< 或 &');
  if (RESTRICTED.test(alert.sender) || alert.sender === '') problems.push('sender 不能为空，且不得含空格、逗号、< 或 &');
  problems.push(dateProblem('sent', alert.sent));
  problems.push(...referencesProblems(alert));
  if (alert.scope === 'Private' && !alert.addresses?.trim()) problems.push('scope 为 Private 时必须有 addresses（接收方）');
  if (alert.scope === 'Restricted' && !alert.restriction?.trim())
    problems.push('scope 为 Restricted 时必须有 restriction（限制说明）');
  alert.info.forEach((info, i) => {
    const where = `info[${i + 1}]`;
    for (const name of ['effective', 'onset', 'expires'] as const) problems.push(dateProblem(`${where}.${name}`, info[name]));
    info.area.forEach((area, j) => problems.push(...areaProblems(area, `${where}.area[${j + 1}]`)));
  });
  return problems.filter((p): p is string => p !== null).map((message) => ({ message }));
}
