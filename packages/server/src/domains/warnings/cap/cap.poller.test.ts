import type { CapAlert } from '@yingji/contracts/cap.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAtomFeed } from './cap.atom.ts';
import { decodeXmlBytes } from './cap.fetch.ts';
import { CapFeedPoller, type CapInvalidReport, type CapPollFailure, type CapSeenStore } from './cap.poller.ts';
import { lianshanRainstormAlert } from './cap.test-support.ts';
import { toCapXml } from './cap.xml.ts';

/** The test's own seen-ids store: the real one is a table of the warnings domain. */
class SeenSet implements CapSeenStore {
  readonly ids = new Set<string>();
  async seen(id: string) {
    return this.ids.has(id);
  }
  async markSeen(id: string) {
    this.ids.add(id);
  }
}

const MAX_BYTES = 64 * 1024;
const GOOD = toCapXml(lianshanRainstormAlert());
const documents: Record<string, string> = {
  '/cap/good.xml': GOOD,
  '/cap/no-msgtype.xml': GOOD.replace('  <msgType>Alert</msgType>\n', ''),
  '/cap/laughs.xml': '<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><alert>&b;</alert>',
  '/cap/huge.xml': GOOD.replace('</scope>', `</scope>\n  <note>${'x'.repeat(MAX_BYTES)}</note>`),
};
/** Routes that fail until the test lets them work: a server that hangs, and a document not yet published. */
const broken = { '/cap/hangs.xml': true, '/cap/later.xml': true };
const requests: string[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url === '/feed.atom') {
      const entry = (name: string) => ({
        id: `urn:test:${name}`,
        title: name,
        updated: '2026-06-12T01:30:00Z',
        summary: name,
        capUrl: `${base}/cap/${name}.xml`,
      });
      const names = ['good', 'no-msgtype', 'laughs', 'huge', 'hangs', 'later'];
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      res.end(
        toAtomFeed({ title: '测试源', selfUrl: `${base}/feed.atom`, updated: '2026-06-12T01:30:00Z', entries: names.map(entry) }),
      );
    } else if (url === '/cap/hangs.xml' && broken[url]) {
      // never answers: the poller's timeout must end the request
    } else if (url === '/cap/later.xml' && broken[url]) {
      res.writeHead(503).end();
    } else if (url === '/cap/hangs.xml' || url === '/cap/later.xml') {
      res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(GOOD);
    } else if (documents[url] !== undefined) {
      res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(documents[url]);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('CapFeedPoller against a loopback feed', () => {
  it('hands valid CAP to the sink, reports invalid ones once, and retries failures until they succeed', async () => {
    const seen = new SeenSet();
    const accepted: { alert: CapAlert; xml: string; source: string }[] = [];
    const invalid: CapInvalidReport[] = [];
    const failures: CapPollFailure[] = [];
    const poller = new CapFeedPoller({
      feeds: [`${base}/feed.atom`, `${base}/missing.atom`],
      seen,
      sink: async (alert, xml, source) => {
        accepted.push({ alert, xml, source });
      },
      onInvalid: (report) => {
        invalid.push(report);
      },
      onError: (failure) => {
        failures.push(failure);
      },
      timeoutMs: 500,
      maxBytes: MAX_BYTES,
    });

    const first = await poller.pollOnce();
    expect(first).toEqual({ entries: 6, alreadySeen: 0, accepted: 1, invalid: 3, failed: 3 });
    expect(accepted).toEqual([{ alert: lianshanRainstormAlert(), xml: GOOD, source: `${base}/cap/good.xml` }]);
    const byEntry = Object.fromEntries(invalid.map((r) => [r.entryId, r.errors[0]!.message]));
    expect(byEntry['urn:test:no-msgtype']).toBe('元素 <scope> 不应出现在此处，此处应为 <msgType>');
    expect(byEntry['urn:test:laughs']).toContain('billion laughs');
    expect(byEntry['urn:test:huge']).toContain('文档过大');
    expect(failures.map((f) => f.entryId ?? f.feedUrl).sort()).toEqual([
      `${base}/missing.atom`,
      'urn:test:hangs',
      'urn:test:later',
    ]);
    expect([...seen.ids].sort()).toEqual(['urn:test:good', 'urn:test:huge', 'urn:test:laughs', 'urn:test:no-msgtype']);

    // Handled entries are not fetched again; the failed ones are, and succeed once their server works.
    broken['/cap/hangs.xml'] = false;
    broken['/cap/later.xml'] = false;
    requests.length = 0;
    const second = await poller.pollOnce();
    expect(second).toEqual({ entries: 6, alreadySeen: 4, accepted: 2, invalid: 0, failed: 1 });
    expect(requests.filter((r) => r.startsWith('/cap/')).sort()).toEqual(['/cap/hangs.xml', '/cap/later.xml']);
    expect(accepted.map((a) => a.source)).toEqual([`${base}/cap/good.xml`, `${base}/cap/hangs.xml`, `${base}/cap/later.xml`]);
    expect(invalid).toHaveLength(3);

    const third = await poller.pollOnce();
    expect(third).toEqual({ entries: 6, alreadySeen: 6, accepted: 0, invalid: 0, failed: 1 });
  });

  it('joins a poll already running instead of starting a second one', async () => {
    const poller = new CapFeedPoller({
      feeds: [`${base}/feed.atom`],
      seen: new SeenSet(),
      sink: async () => undefined,
      onInvalid: () => undefined,
      onError: () => undefined,
      maxBytes: MAX_BYTES,
    });
    const [a, b] = [poller.pollOnce(), poller.pollOnce()];
    expect(a).toBe(b);
    expect((await a).entries).toBe(6);
  });
});

describe('decodeXmlBytes', () => {
  const gb18030 = (body: number[]) =>
    new Uint8Array([...Buffer.from('<?xml version="1.0" encoding="GB2312"?><a>'), ...body, ...Buffer.from('</a>')]);

  it('decodes by the declared encoding, the Content-Type charset winning over it', () => {
    const baoyu = [0xb1, 0xa9, 0xd3, 0xea]; // 暴雨 in GB2312/GB18030
    expect(decodeXmlBytes(gb18030(baoyu))).toContain('<a>暴雨</a>');
    expect(decodeXmlBytes(Buffer.from('<a>暴雨</a>'), 'application/cap+xml; charset=UTF-8')).toBe('<a>暴雨</a>');
    expect(() => decodeXmlBytes(Buffer.from('<a/>'), 'text/xml; charset=klingon')).toThrow('不支持的字符编码：klingon');
  });
});
