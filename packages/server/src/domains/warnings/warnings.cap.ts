import type { CapAlert, CapArea, CapCategory } from '@yingji/contracts/cap.ts';
import { HAZARD_NAMES, type Hazard, type WarningTarget } from '@yingji/contracts/warnings.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { formatCapDateTime, formatCapReferences } from './cap/cap.identifier.ts';
import { capGradingFor, type CapSeverityTable } from './cap/cap.severity.ts';
import { circleToCap, geoJsonToCapPolygons } from './cap/cap.geo.ts';
import type { WarningRow } from './warnings.repo.ts';
import { warningTitle } from './warnings.rules.ts';

/** CAP categories of each hazard: weather (Met), geological (Geo), fire (Fire). */
const CATEGORY: Record<Hazard, CapCategory> = {
  rainstorm: 'Met',
  flash_flood: 'Met',
  flood: 'Met',
  geological: 'Geo',
  forest_fire: 'Fire',
  typhoon: 'Met',
  gale: 'Met',
  heat: 'Met',
  cold_wave: 'Met',
  hail: 'Met',
  thunder: 'Met',
  fog: 'Met',
  other: 'Other',
};

const LEVEL_NUMBER = { red: '1', orange: '2', yellow: '3', blue: '4' } as const;

export interface CapContext {
  sender: string;
  senderName: string;
  severity: CapSeverityTable;
  /** The targeted villages (GB/T 2260-based codes) and names. */
  villages: { code: string; name: string }[];
  /** Outlines of the areas picked from the tree (when they have one), sent as CAP polygons. */
  outlines: (Polygon | MultiPolygon)[];
  /** The warning an Update replaces: its identifier and CAP sent time. */
  replaces: { identifier: string; sent: string } | null;
}

/** areaDesc is kept under 50 characters (Google's CAP profile): the first villages' names, then "等 N 个村（社区）". */
function areaDescription(villages: { name: string }[]): string {
  const names: string[] = [];
  for (const v of villages) {
    if ([...names, v.name].join('、').length > 36) break;
    names.push(v.name);
  }
  return names.length === villages.length ? names.join('、') : `${names.join('、')}等 ${villages.length} 个村（社区）`;
}

function capArea(target: WarningTarget, context: CapContext): CapArea {
  const polygon = [
    ...(target.polygon ? geoJsonToCapPolygons(target.polygon) : []),
    ...context.outlines.flatMap((outline) => geoJsonToCapPolygons(outline)),
  ];
  return {
    areaDesc: areaDescription(context.villages),
    polygon,
    circle: target.circle ? [circleToCap(target.circle)] : [],
    geocode: context.villages.map((v) => ({ valueName: 'GB/T 2260', value: v.code })),
  };
}

/** A published warning as CAP 1.2 (msgType Alert, or Update referencing the one it replaces). */
export function warningAlert(row: WarningRow, sentAt: Date, context: CapContext): CapAlert {
  const grading = capGradingFor(row.level, context.severity);
  const target = JSON.parse(row.target) as WarningTarget;
  return {
    identifier: row.identifier!,
    sender: context.sender,
    sent: formatCapDateTime(sentAt),
    status: 'Actual',
    msgType: row.msg_type,
    scope: 'Public',
    code: [],
    ...(context.replaces && {
      references: formatCapReferences([
        { sender: context.sender, identifier: context.replaces.identifier, sent: context.replaces.sent },
      ]),
    }),
    info: [
      {
        language: 'zh-CN',
        category: [CATEGORY[row.hazard]],
        event: `${HAZARD_NAMES[row.hazard]}预警`,
        responseType: ['Prepare'],
        urgency: grading.urgency,
        severity: grading.severity,
        certainty: grading.certainty,
        eventCode: [
          { valueName: 'hazard', value: row.hazard },
          { valueName: 'level', value: LEVEL_NUMBER[row.level] },
        ],
        ...(row.effective && { effective: formatCapDateTime(new Date(row.effective)) }),
        expires: formatCapDateTime(new Date(row.expires)),
        senderName: context.senderName,
        headline: `${warningTitle(row.hazard, row.level)}：${row.headline}`,
        description: row.description,
        instruction: row.instruction,
        parameter: [],
        resource: [],
        area: [capArea(target, context)],
      },
    ],
  };
}

/** 解除: a CAP Cancel message of its own identifier, referencing the warning it lifts. */
export function cancelAlert(row: WarningRow, identifier: string, sentAt: Date, context: Omit<CapContext, 'replaces'>): CapAlert {
  const alert = warningAlert(row, sentAt, { ...context, replaces: null });
  const published = formatCapDateTime(new Date(row.published_at!));
  return {
    ...alert,
    identifier,
    msgType: 'Cancel',
    references: formatCapReferences([{ sender: context.sender, identifier: row.identifier!, sent: published }]),
    info: alert.info.map((info) => ({ ...info, headline: `解除${info.headline}`, responseType: ['AllClear'] })),
  };
}
