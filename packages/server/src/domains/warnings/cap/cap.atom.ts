import { XMLParser } from 'fast-xml-parser';
import { fail } from '../../../platform/errors.ts';
import { prepareXml, xmlGuardErrors } from './cap.guard.ts';
import { XmlWriter } from './xml.writer.ts';

/**
 * CAP over Atom 1.0 (RFC 4287), the way public alerting feeds publish: one entry per alert, whose
 * `<link rel="alternate" type="application/cap+xml">` points at the CAP document.
 */

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
export const CAP_MIME_TYPE = 'application/cap+xml';

export interface AtomFeedEntry {
  /** A permanent IRI for the entry, e.g. urn:yingji:warning:<CAP identifier>. */
  id: string;
  title: string;
  /** RFC 3339 instant (the stored UTC ISO string will do). */
  updated: string;
  summary: string;
  /** Absolute URL of the CAP document. */
  capUrl: string;
}

export interface AtomFeed {
  title: string;
  /** Absolute URL this feed is served at; also the feed id unless `id` is given. */
  selfUrl: string;
  updated: string;
  entries: AtomFeedEntry[];
  id?: string;
  /** Atom requires an author; default the feed title (the issuing body). */
  authorName?: string;
}

export function toAtomFeed(feed: AtomFeed): string {
  const xml = new XmlWriter().open('feed', { xmlns: ATOM_NAMESPACE });
  xml
    .leaf('id', feed.id ?? feed.selfUrl)
    .leaf('title', feed.title)
    .leaf('updated', feed.updated);
  xml.empty('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl });
  xml
    .open('author')
    .leaf('name', feed.authorName ?? feed.title)
    .close('author');
  for (const entry of feed.entries) {
    xml.open('entry').leaf('id', entry.id).leaf('title', entry.title).leaf('updated', entry.updated);
    xml.leaf('summary', entry.summary);
    xml.empty('link', { rel: 'alternate', type: CAP_MIME_TYPE, href: entry.capUrl });
    xml.close('entry');
  }
  return xml.close('feed').toString();
}

/** An entry of someone else's feed that links to a CAP document. */
export interface AtomCapEntry {
  id: string;
  title?: string;
  updated?: string;
  capUrl: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
  isArray: (_name, jpath) => jpath === 'feed.entry' || jpath === 'feed.entry.link',
});

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {});

/** Element text whether or not the element carries attributes (`<title type="text">…</title>`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const inner = asNode(value)['#text'];
  return typeof inner === 'string' ? inner : undefined;
}

/** The CAP link of an entry: one typed application/cap+xml, else its alternate link (Atom's default rel). */
function capLink(links: Node[]): string | undefined {
  const typed = links.find((l) => l['@_type'] === CAP_MIME_TYPE);
  const alternate = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate');
  const href = (typed ?? alternate)?.['@_href'];
  return typeof href === 'string' ? href : undefined;
}

/**
 * The entries of an Atom feed that link to CAP documents, links resolved against `baseUrl` (the feed's URL).
 * Entries without such a link are left out. Refuses what the guard refuses (AppError CAP_INVALID).
 */
export function parseAtomFeed(xml: string, baseUrl?: string): AtomCapEntry[] {
  const prepared = prepareXml(xml);
  const guard = xmlGuardErrors(prepared);
  if (guard.length > 0) fail('CAP_INVALID', { errors: guard }, `Atom 源有误：${guard.map((e) => e.message).join('；')}`);
  const root = asNode(parser.parse(prepared));
  if (!('feed' in root))
    fail('CAP_INVALID', { errors: [{ message: '根元素不是 Atom 的 <feed>' }] }, 'Atom 源有误：根元素不是 <feed>');
  const entries = asNode(root.feed).entry;
  const result: AtomCapEntry[] = [];
  for (const entry of Array.isArray(entries) ? entries.map(asNode) : []) {
    const href = capLink(Array.isArray(entry.link) ? entry.link.map(asNode) : []);
    if (href === undefined) continue;
    let capUrl: string;
    try {
      capUrl = new URL(href, baseUrl).toString();
    } catch {
      continue; // a relative link with no base to resolve it against
    }
    const title = textOf(entry.title);
    const updated = textOf(entry.updated);
    result.push({
      id: textOf(entry.id) ?? capUrl,
      capUrl,
      ...(title !== undefined && { title }),
      ...(updated !== undefined && { updated }),
    });
  }
  return result;
}
