import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage, Warning } from '@yingji/contracts/warnings.ts';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { CAP_IDENTIFIER_PATTERN } from './cap/cap.identifier.ts';
import { validateCapXml } from './cap/cap.validate.ts';
import type { Channel, ChannelKind } from './channels/channel.ts';
import { SmsChannel } from './channels/smpp.channel.ts';
import { startLoopbackSmsc, type LoopbackSmsc } from './channels/smpp.loopback.ts';
import { residentRows } from './warnings.test-support.ts';

const YONGHE = '441825100';
const YONGLIAN = '441825100201';

function draftBody(overrides: Record<string, unknown> = {}) {
  return {
    hazard: 'rainstorm',
    level: 'orange',
    headline: '永和镇未来 6 小时将出现暴雨',
    description: '预计永和镇未来 6 小时内降雨量将达 50 毫米以上。',
    instruction: '请转移危险地带人员，防范山洪和地质灾害。',
    expires: '2026-07-02T02:00:00.000Z',
    target: { areaCodes: [YONGLIAN] },
    groups: ['residents', 'village_heads', 'duty_holders'],
    channels: ['sms', 'app'],
    ...overrides,
  };
}

describe.each(DIALECTS)('warnings on %s', (dialect) => {
  let env: TestEnv;
  let smsc: LoopbackSmsc;
  let zhiban: ApiClient;
  let lingdao: ApiClient;
  let xinxiyuan: ApiClient;

  beforeAll(async () => {
    smsc = await startLoopbackSmsc({ systemId: 'yingji', password: 'secret', receipts: true });
    const sms = new SmsChannel({
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'yingji',
      password: 'secret',
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
    });
    env = await testEnv(
      dialect,
      { publicUrl: 'https://yjj.example.gov.cn' },
      { channels: new Map<ChannelKind, Channel>([['sms', sms]]) },
    );
    zhiban = await env.login('zhiban');
    lingdao = await env.login('lingdao');
    xinxiyuan = await env.login('xinxiyuan');
    // Residents of 永联村 registered for warnings (one without consent, who must not be messaged).
    const now = env.clock.now().toISOString();
    await env.platform.db.kysely
      .insertInto('warning_contacts')
      .values(
        residentRows({
          village: YONGLIAN,
          count: 12,
          id: (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          phone: (i) => `1380000${String(1000 + i)}`,
          consent: (i) => i !== 11,
          now,
        }),
      )
      .execute();
  });
  afterAll(async () => {
    await env?.close();
    await smsc?.close();
  });

  /** Runs the queued fan-out and sends everything due on SMS, as the server's workers would. */
  async function deliver(): Promise<void> {
    while (await env.platform.jobs.runOnce()) {
      /* fan-out jobs */
    }
    await env.platform.warnings.dispatcher.drain('sms');
  }

  async function publish(body = draftBody()): Promise<Warning> {
    const draft = await zhiban.post('/api/warnings', body);
    expect(draft.statusCode, draft.body).toBe(201);
    const id = (draft.json() as Warning).id;
    expect((await zhiban.post(`/api/warnings/${id}/submit`)).statusCode).toBe(200);
    expect((await lingdao.post(`/api/warnings/${id}/review`, { approve: true })).statusCode).toBe(200);
    const signed = await lingdao.post(`/api/warnings/${id}/sign`, {});
    expect(signed.statusCode, signed.body).toBe(200);
    return signed.json() as Warning;
  }

  it('goes 拟稿 → 审核 → 签发 with a different user at each step, and refuses steps out of order', async () => {
    const draft = (await zhiban.post('/api/warnings', draftBody())).json() as Warning;
    expect(draft.state).toBe('draft');

    const early = await lingdao.post(`/api/warnings/${draft.id}/sign`, {});
    expect(early.json()).toMatchObject({ code: 'WARNING_NOT_APPROVED' });

    await zhiban.post(`/api/warnings/${draft.id}/submit`);
    const own = await zhiban.post(`/api/warnings/${draft.id}/review`, { approve: true });
    expect(own.json()).toMatchObject({ code: 'WARNING_SELF_APPROVAL' });
    const noOpinion = await lingdao.post(`/api/warnings/${draft.id}/review`, { approve: false });
    expect(noOpinion.statusCode).toBe(400);

    const inbox = (await lingdao.get('/api/warnings?inbox=true')).json() as { items: Warning[] };
    expect(inbox.items.map((w) => w.id)).toContain(draft.id);

    await lingdao.post(`/api/warnings/${draft.id}/review`, { approve: true, opinion: '同意' });
    const byDutyOfficer = await zhiban.post(`/api/warnings/${draft.id}/sign`, {});
    expect(byDutyOfficer.json()).toMatchObject({ code: 'FORBIDDEN' });

    const signed = (await lingdao.post(`/api/warnings/${draft.id}/sign`, { opinion: '签发' })).json() as Warning;
    expect(signed.state).toBe('published');
    expect(signed.identifier).toMatch(CAP_IDENTIFIER_PATTERN);
    expect(signed.identifier!.startsWith('441825')).toBe(true);
    expect(signed.history.map((h) => h.action)).toEqual(['拟稿', '提交审核', '审核通过', '签发发布']);

    const again = await lingdao.post(`/api/warnings/${draft.id}/sign`, {});
    expect(again.json()).toMatchObject({ code: 'WARNING_STATE_INVALID' });
  });

  it('exports CAP 1.2 that validates against the XSD, with +08:00 times and the villages as geocodes', async () => {
    const warning = await publish(
      draftBody({ target: { areaCodes: [YONGLIAN], polygon: null, circle: { lon: 112.09, lat: 24.57, radiusKm: 3 } } }),
    );
    const response = await zhiban.get(`/api/warnings/${warning.id}/cap`);
    expect(response.headers['content-type']).toContain('application/cap+xml');
    const validation = await validateCapXml(response.body);
    expect(validation.ok, JSON.stringify(!validation.ok && validation.errors)).toBe(true);
    if (!validation.ok) return;
    expect(validation.alert.sent).toMatch(/\+08:00$/);
    expect(validation.alert.msgType).toBe('Alert');
    const info = validation.alert.info[0]!;
    expect(info.severity).toBe('Severe');
    expect(info.area[0]!.geocode.map((g) => g.value)).toContain(YONGLIAN);
    expect(info.area[0]!.circle[0]).toBe('24.57,112.09 3');
    // Public, no login: the same document and the Atom feed linking to it.
    const anonymous = await env.app.inject({ method: 'GET', url: `/api/public/warnings/${warning.id}/cap` });
    expect(anonymous.body).toBe(response.body);
    const feed = await env.app.inject({ method: 'GET', url: '/api/public/warnings/feed.atom' });
    expect(feed.body).toContain(`/api/public/warnings/${warning.id}/cap`);
  });

  it('sends one UCS-2 SMS per consenting recipient, records each state, and counts coverage per village', async () => {
    const before = smsc.counts.messages;
    const warning = await publish();
    await deliver();
    await smsc.waitForMessages(before + 11);
    const received = smsc.messages.slice(before);
    expect(received.some((m) => m.to === '13800001011')).toBe(false); // no consent, no message
    expect(received.find((m) => m.to === '13800001000')?.text).toContain('暴雨橙色预警');
    // Receipts arrive asynchronously from the SMSC; coverage counts them as they come.
    await expect
      .poll(async () => ((await zhiban.get(`/api/warnings/${warning.id}/coverage`)).json() as Coverage).byState.delivered ?? 0, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(11);
    const coverage = (await zhiban.get(`/api/warnings/${warning.id}/coverage`)).json() as Coverage;
    const village = coverage.villages.find((v) => v.villageCode === YONGLIAN)!;
    expect(village.targeted).toBeGreaterThanOrEqual(11);
    expect(village.reached).toBe(village.targeted);
    expect(village.coverage).toBe(1);

    // 签收: the link in the SMS marks that one message read; a link with a made-up token does nothing.
    const links = received.map((m) => /签收：https:\/\/yjj\.example\.gov\.cn\/r\/([^?]+)\?t=([0-9a-f]{16})/.exec(m.text));
    const link = links.find((l) => l && decodeURIComponent(l[1]!).startsWith(warning.id))!;
    expect(link).not.toBeNull();
    const forged = await env.app.inject({
      method: 'POST',
      url: `/api/public/receipts/${link[1]}`,
      payload: { token: '0123456789abcdef' },
    });
    expect(forged.json()).toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
    const signed = await env.app.inject({ method: 'POST', url: `/api/public/receipts/${link[1]}`, payload: { token: link[2] } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(((await zhiban.get(`/api/warnings/${warning.id}/coverage`)).json() as Coverage).byState.read).toBe(1);

    // The coverage report: one row per village, then the total.
    const report = await zhiban.request({ method: 'GET', url: `/api/warnings/${warning.id}/coverage.xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('预警覆盖率')!;
    const yonglian = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(2).value === '永联村委会')!;
    expect(yonglian.getCell(6).value).toBe('100.0%');
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');

    // Delivering again sends nothing twice.
    await deliver();
    expect(smsc.counts.messages - before).toBe(received.length);

    // 落实: the village's 信息员 confirms on the phone; another village is refused.
    const confirm = await xinxiyuan.post(`/api/warnings/${warning.id}/confirm`, {
      villageCode: YONGLIAN,
      actions: ['notified', 'patrol'],
      transferred: 3,
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({ actions: ['notified', 'patrol'], transferred: 3 });
    const other = await xinxiyuan.post(`/api/warnings/${warning.id}/confirm`, {
      villageCode: '441825100202',
      actions: ['patrol'],
    });
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('keeps messages waiting while the SMS gateway is down and sends each once when it returns', async () => {
    const before = smsc.counts.messages;
    await smsc.stop();
    const warning = await publish(draftBody({ headline: '网关中断期间的预警' }));
    await deliver();
    const waiting = (await zhiban.get(`/api/warnings/${warning.id}/deliveries?state=queued`)).json() as {
      items: { error: string | null }[];
    };
    expect(waiting.items.length).toBeGreaterThanOrEqual(11);
    expect(waiting.items[0]!.error).toContain('渠道不可用');
    const health = (await env.app.inject({ method: 'GET', url: '/api/health' })).json() as {
      outbox: { down: string[]; waiting: number };
    };
    expect(health.outbox.down).toEqual(['sms']);
    expect(health.outbox.waiting).toBeGreaterThanOrEqual(11);
    await smsc.start();
    env.clock.advance(120_000);
    await expect
      .poll(
        async () => {
          await env.platform.warnings.dispatcher.drain('sms');
          return smsc.counts.messages - before;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(11);
    const texts = smsc.messages
      .slice(before)
      .filter((m) => m.text.includes('网关中断期间的预警'))
      .map((m) => m.to);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('解除 sends the notice to everyone reached and issues a CAP Cancel; expiry ends a warning by itself', async () => {
    const warning = await publish(draftBody({ headline: '将被解除的预警' }));
    await deliver();
    const cancelled = await lingdao.post(`/api/warnings/${warning.id}/cancel`, { opinion: '雨势减弱' });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
    const before = smsc.counts.messages;
    await deliver();
    expect(smsc.counts.messages - before).toBeGreaterThanOrEqual(11);
    expect(smsc.messages.at(-1)!.text).toContain('现予解除');
    const cap = await zhiban.get(`/api/warnings/${warning.id}/cap?kind=cancel`);
    const validation = await validateCapXml(cap.body);
    expect(validation.ok && validation.alert.msgType).toBe('Cancel');

    const short = await publish(
      draftBody({ headline: '短时预警', expires: new Date(env.clock.now().getTime() + 3600_000).toISOString() }),
    );
    env.clock.advance(3600_000 + 1);
    expect(await env.platform.warnings.warnings.expireDue()).toBeGreaterThanOrEqual(1);
    expect(((await zhiban.get(`/api/warnings/${short.id}`)).json() as Warning).state).toBe('expired');
  });

  it('refuses bad targets: an unclosed polygon, swapped coordinates, an area outside the officer’s township', async () => {
    const yonghe = await env.login('yonghe');
    const unclosed = await zhiban.post(
      '/api/warnings',
      draftBody({
        target: {
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [112.0, 24.5],
                [112.1, 24.5],
                [112.1, 24.6],
                [112.0, 24.61],
              ],
            ],
          },
        },
      }),
    );
    expect(unclosed.json()).toMatchObject({ code: 'WARNING_TARGET_INVALID' });
    const swapped = await zhiban.post(
      '/api/warnings',
      draftBody({
        target: {
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [24.5, 112.0],
                [24.5, 112.2],
                [24.7, 112.2],
                [24.5, 112.0],
              ],
            ],
          },
        },
      }),
    );
    expect(swapped.json()).toMatchObject({ code: 'WARNING_TARGET_INVALID' });
    expect((swapped.json() as { message: string }).message).toContain('经纬度顺序可能颠倒');
    const outside = await yonghe.post('/api/warnings', draftBody({ target: { areaCodes: ['441825104'] } }));
    expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const township = await yonghe.post('/api/warnings', draftBody({ target: { areaCodes: [YONGHE] } }));
    expect(township.statusCode).toBe(201);
    // Changing a draft's area is checked the same way (and answers: the check runs before the step's transaction).
    const id = (township.json() as Warning).id;
    expect((await yonghe.patch(`/api/warnings/${id}`, { target: { areaCodes: ['441825104'] } })).json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    const moved = await yonghe.patch(`/api/warnings/${id}`, { target: { areaCodes: [YONGLIAN] } });
    expect(moved.json()).toMatchObject({ target: { areaCodes: [YONGLIAN] } });
    // Only what was sent changes: the drafted groups and channels stay.
    expect(moved.json()).toMatchObject({ groups: ['residents', 'village_heads', 'duty_holders'], channels: ['sms', 'app'] });
  });

  it('takes CAP from other systems and refuses documents that are not XML, fail the schema or expand entities', async () => {
    const own = await publish(draftBody({ headline: '导入测试' }));
    const xml = (await zhiban.get(`/api/warnings/${own.id}/cap`)).body
      .replace(own.identifier!, '441825000000_20260701100000_7')
      .replace('yingji.441825', 'weather.441825');
    const push = (body: string) =>
      zhiban.request({ method: 'POST', url: '/api/warnings/cap', body, headers: { 'content-type': 'application/cap+xml' } });
    const imported = await push(xml);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ source: 'cap_import', state: 'published', hazard: 'rainstorm', level: 'orange' });
    expect((await push(xml)).json()).toMatchObject({ id: (imported.json() as Warning).id }); // same identifier: taken once

    expect((await push('not xml at all')).json()).toMatchObject({ code: 'CAP_INVALID' });
    const noMsgType = await push(xml.replace(/<msgType>[^<]*<\/msgType>/, ''));
    expect(noMsgType.json()).toMatchObject({ code: 'CAP_INVALID' });
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&lol2;</alert>`;
    expect((await push(laughs)).json()).toMatchObject({ code: 'CAP_INVALID' });
    const byVillageOfficer = await xinxiyuan.request({
      method: 'POST',
      url: '/api/warnings/cap',
      body: xml,
      headers: { 'content-type': 'application/cap+xml' },
    });
    expect(byVillageOfficer.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists current warnings publicly with their area, and a village officer sees those sent to the village', async () => {
    const current = await env.app.inject({ method: 'GET', url: '/api/public/warnings' });
    expect(current.statusCode).toBe(200);
    const items = current.json() as { areaNames: string[]; geometry: unknown; source: string }[];
    expect(
      items.some((w) => w.areaNames.includes('永联村委会') && w.geometry !== null),
      JSON.stringify(items.map((w) => [w.areaNames.slice(0, 3), w.geometry === null])),
    ).toBe(true);
    const mine = (await xinxiyuan.get('/api/warnings?state=published')).json() as { items: Warning[] };
    expect(mine.items.length).toBeGreaterThan(0);
  });
});
