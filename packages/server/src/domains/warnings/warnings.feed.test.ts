import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warning } from '@yingji/contracts/warnings.ts';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type TestEnv } from '../../../test/env.ts';
import { toAtomFeed } from './cap/cap.atom.ts';
import { lianshanRainstormAlert } from './cap/cap.test-support.ts';
import { toCapXml } from './cap/cap.xml.ts';

/** The weather bureau's CAP feed, as another system would serve it: one valid alert, one that fails the schema. */
async function weatherBureau(): Promise<{ url: string; close(): Promise<void> }> {
  const alert = lianshanRainstormAlert();
  const valid = toCapXml({ ...alert, sender: 'qxj.lianshan.gov.cn' });
  const invalid = valid.replace(/<msgType>[^<]*<\/msgType>/, '');
  const server = http.createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const documents: Record<string, string> = {
      '/feed.atom': toAtomFeed({
        title: '连山县气象台预警',
        selfUrl: `${base}/feed.atom`,
        updated: '2026-06-12T01:30:00Z',
        entries: [
          { id: 'urn:qx:1', title: '暴雨橙色预警', updated: '2026-06-12T01:30:00Z', summary: '暴雨', capUrl: `${base}/1.xml` },
          { id: 'urn:qx:2', title: '坏文档', updated: '2026-06-12T01:31:00Z', summary: '坏', capUrl: `${base}/2.xml` },
        ],
      }),
      '/1.xml': valid,
      '/2.xml': invalid,
    };
    const body = documents[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/xml; charset=utf-8' }).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.atom`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(DIALECTS)('CAP feed of another system on %s', (dialect) => {
  let env: TestEnv;
  let bureau: Awaited<ReturnType<typeof weatherBureau>>;

  beforeAll(async () => {
    bureau = await weatherBureau();
    env = await testEnv(dialect, { capFeeds: [bureau.url] });
  });
  afterAll(async () => {
    await env?.close();
    await bureau?.close();
  });

  it('takes each valid entry once as an incoming warning and refuses the invalid one', async () => {
    const poller = env.platform.warnings.capPoller!;
    expect(await poller.pollOnce()).toMatchObject({ entries: 2, accepted: 1, invalid: 1 });
    expect(await poller.pollOnce()).toMatchObject({ entries: 2, alreadySeen: 2, accepted: 0 });

    const duty = await env.login('zhiban');
    const incoming = (await duty.get('/api/warnings?source=cap_import')).json() as { items: Warning[] };
    expect(incoming.items).toHaveLength(1);
    expect(incoming.items[0]).toMatchObject({ state: 'published', hazard: 'rainstorm', level: 'orange', source: 'cap_import' });
    expect(incoming.items[0]!.sender).toContain('qxj.lianshan.gov.cn');
    // Incoming warnings are shown, never re-sent from here.
    const step = await (await env.login('lingdao')).post(`/api/warnings/${incoming.items[0]!.id}/cancel`, {});
    expect(step.json()).toMatchObject({ code: 'WARNING_NOT_LOCAL' });
  });
});
