import {
  CAP_NAMESPACE,
  zCapAlert,
  type CapAlert,
  type CapArea,
  type CapError,
  type CapInfo,
  type CapValuePair,
} from '@yingji/contracts/cap.ts';
import { XMLParser } from 'fast-xml-parser';
import { fail } from '../../../platform/errors.ts';
import { prepareXml, xmlGuardErrors } from './cap.guard.ts';
import { XmlWriter } from './xml.writer.ts';

// ——— Writing ———

function writePairs(xml: XmlWriter, name: string, pairs: CapValuePair[]): void {
  for (const pair of pairs) xml.open(name).leaf('valueName', pair.valueName).leaf('value', pair.value).close(name);
}

function writeArea(xml: XmlWriter, area: CapArea): void {
  xml.open('area').leaf('areaDesc', area.areaDesc);
  for (const polygon of area.polygon) xml.leaf('polygon', polygon);
  for (const circle of area.circle) xml.leaf('circle', circle);
  writePairs(xml, 'geocode', area.geocode);
  xml.leaf('altitude', area.altitude).leaf('ceiling', area.ceiling).close('area');
}

function writeInfo(xml: XmlWriter, info: CapInfo): void {
  xml.open('info').leaf('language', info.language);
  for (const category of info.category) xml.leaf('category', category);
  xml.leaf('event', info.event);
  for (const responseType of info.responseType) xml.leaf('responseType', responseType);
  xml.leaf('urgency', info.urgency).leaf('severity', info.severity).leaf('certainty', info.certainty);
  xml.leaf('audience', info.audience);
  writePairs(xml, 'eventCode', info.eventCode);
  xml.leaf('effective', info.effective).leaf('onset', info.onset).leaf('expires', info.expires);
  xml.leaf('senderName', info.senderName).leaf('headline', info.headline);
  xml.leaf('description', info.description).leaf('instruction', info.instruction);
  xml.leaf('web', info.web).leaf('contact', info.contact);
  writePairs(xml, 'parameter', info.parameter);
  for (const resource of info.resource) {
    xml.open('resource').leaf('resourceDesc', resource.resourceDesc).leaf('mimeType', resource.mimeType);
    xml.leaf('size', resource.size).leaf('uri', resource.uri).leaf('derefUri', resource.derefUri);
    xml.leaf('digest', resource.digest).close('resource');
  }
  for (const area of info.area) writeArea(xml, area);
  xml.close('info');
}

/** The alert as a CAP 1.2 document (UTF-8), elements in the order of the schema's sequences. */
export function toCapXml(alert: CapAlert): string {
  const xml = new XmlWriter().open('alert', { xmlns: CAP_NAMESPACE });
  xml.leaf('identifier', alert.identifier).leaf('sender', alert.sender).leaf('sent', alert.sent);
  xml.leaf('status', alert.status).leaf('msgType', alert.msgType).leaf('source', alert.source);
  xml.leaf('scope', alert.scope).leaf('restriction', alert.restriction).leaf('addresses', alert.addresses);
  for (const code of alert.code) xml.leaf('code', code);
  xml.leaf('note', alert.note).leaf('references', alert.references).leaf('incidents', alert.incidents);
  for (const info of alert.info) writeInfo(xml, info);
  return xml.close('alert').toString();
}

// ——— Reading ———

const REPEATED = new Set(
  [
    'code',
    'info',
    'info.category',
    'info.responseType',
    'info.eventCode',
    'info.parameter',
    'info.resource',
    'info.area',
    'info.area.polygon',
    'info.area.circle',
    'info.area.geocode',
  ].map((path) => `alert.${path}`),
);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Senders may write <cap:alert xmlns:cap="…">; the namespace itself is checked by the schema validation.
  removeNSPrefix: true,
  // Keep every value as text: area codes such as 441825 must not become numbers.
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes numeric character references (&#20013;); DTD-declared entities never get here (refused by the guard).
  htmlEntities: true,
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

type Node = Record<string, unknown>;

function node(value: unknown): Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {};
}
function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.map(node) : [];
}
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : [];
}
function decimal(value: unknown): number | undefined {
  const raw = text(value);
  return raw === undefined ? undefined : Number(raw.trim() === '' ? NaN : raw);
}
function pairs(value: unknown): CapValuePair[] {
  return nodes(value).map((n) => ({ valueName: text(n.valueName) ?? '', value: text(n.value) ?? '' }));
}
/** Optional elements stay absent rather than present-and-undefined, so parsed alerts compare equal to built ones. */
function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function readArea(n: Node): CapArea {
  return compact({
    areaDesc: text(n.areaDesc) ?? '',
    polygon: texts(n.polygon),
    circle: texts(n.circle),
    geocode: pairs(n.geocode),
    altitude: decimal(n.altitude),
    ceiling: decimal(n.ceiling),
  });
}

function readInfo(n: Node): Record<string, unknown> {
  return compact({
    // The schema's default when the element is left out.
    language: text(n.language) ?? 'en-US',
    category: texts(n.category),
    event: text(n.event),
    responseType: texts(n.responseType),
    urgency: text(n.urgency),
    severity: text(n.severity),
    certainty: text(n.certainty),
    audience: text(n.audience),
    eventCode: pairs(n.eventCode),
    effective: text(n.effective),
    onset: text(n.onset),
    expires: text(n.expires),
    senderName: text(n.senderName),
    headline: text(n.headline),
    description: text(n.description),
    instruction: text(n.instruction),
    web: text(n.web),
    contact: text(n.contact),
    parameter: pairs(n.parameter),
    resource: nodes(n.resource).map((r) =>
      compact({
        resourceDesc: text(r.resourceDesc),
        mimeType: text(r.mimeType),
        size: decimal(r.size),
        uri: text(r.uri),
        derefUri: text(r.derefUri),
        digest: text(r.digest),
      }),
    ),
    area: nodes(n.area).map(readArea),
  });
}

function invalid(errors: CapError[]): never {
  fail('CAP_INVALID', { errors }, `CAP 文档有误：${errors.map((e) => e.message).join('；')}`);
}

/**
 * A CAP 1.2 document as structured data. Refuses what the guard refuses (size, DTDs, not XML) and anything whose
 * structure does not fit CAP (AppError CAP_INVALID with `details.errors`). It does not check the namespace or every
 * schema rule: documents from outside go through validateCapXml, which runs the XSD first.
 */
export function parseCapXml(xml: string, options: { maxBytes?: number } = {}): CapAlert {
  const prepared = prepareXml(xml);
  const guard = xmlGuardErrors(prepared, options.maxBytes);
  if (guard.length > 0) invalid(guard);
  const root = node(parser.parse(prepared));
  if (!('alert' in root)) invalid([{ message: '根元素不是 CAP 的 <alert>' }]);
  const alert = node(root.alert);
  const parsed = zCapAlert.safeParse(
    compact({
      identifier: text(alert.identifier),
      sender: text(alert.sender),
      sent: text(alert.sent),
      status: text(alert.status),
      msgType: text(alert.msgType),
      source: text(alert.source),
      scope: text(alert.scope),
      restriction: text(alert.restriction),
      addresses: text(alert.addresses),
      code: texts(alert.code),
      note: text(alert.note),
      references: text(alert.references),
      incidents: text(alert.incidents),
      info: nodes(alert.info).map(readInfo),
    }),
  );
  if (!parsed.success) {
    invalid(parsed.error.issues.map((issue) => ({ message: `${issue.path.join('.') || 'alert'}：${issue.message}` })));
  }
  return parsed.data;
}
