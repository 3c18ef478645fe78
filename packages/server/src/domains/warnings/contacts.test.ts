import type { ContactCreate } from '@yingji/contracts/warnings.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/actor.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { loadContactsDemo } from './contacts.demo.ts';
import { ContactsService } from './contacts.service.ts';

const COUNTY = '441825';
const YONGHE = '441825100';
const YONGLIAN = '441825100201'; // 永联村, 永和镇: the demo 信息员's village
const JITIAN = '441825104';

const actor = (username: string, role: Actor['roles'][number], areaCode: string): Actor => ({
  userId: username,
  username,
  roles: [role],
  areaCode,
});
const duty = actor('zhiban', 'duty_officer', COUNTY);
const yonghe = actor('yonghe', 'township_officer', YONGHE);
const jitian = actor('jitian', 'township_officer', JITIAN);
const reporter = actor('xinxiyuan', 'village_reporter', YONGLIAN);

const input = (areaCode: string, overrides: Partial<ContactCreate> = {}): ContactCreate => ({
  name: '测试居民',
  phone: '13912345678',
  email: null,
  group: 'residents',
  areaCode,
  consent: true,
  specialNeed: null,
  helperName: null,
  helperPhone: null,
  route: null,
  shelterName: null,
  note: null,
  ...overrides,
});

describe.each(DIALECTS)('预警接收人 register on %s', (dialect) => {
  let env: TestEnv;
  let contacts: ContactsService;
  let http: ApiClient;
  let jitianVillage: string;
  let otherYongheVillage: string;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    contacts = new ContactsService(env.platform);
    http = await env.login('yonghe');
    env.platform.events.subscribe((e) => events.push(e));
    jitianVillage = (await env.platform.areas.list(SYSTEM_ACTOR, { parentCode: JITIAN, limit: 1, offset: 0 })).items[0]!.code;
    const yongheVillages = await env.platform.areas.list(SYSTEM_ACTOR, { parentCode: YONGHE, limit: 5, offset: 0 });
    otherYongheVillage = yongheVillages.items.find((v) => v.code !== YONGLIAN)!.code;
  });
  afterAll(() => env.close());

  const auditOf = (entityId: string) => env.platform.audit.list(SYSTEM_ACTOR, { entityId, limit: 10, offset: 0 });

  it('loads the demo county once: residents with and without consent, a 村干部, a 灾害信息员 and 特殊群体 per village', async () => {
    const village = await contacts.list(duty, { areaCode: YONGLIAN, limit: 500, offset: 0 });
    const groups = village.items.map((c) => c.group);
    expect(groups.filter((g) => g === 'residents')).toHaveLength(20);
    expect(groups.filter((g) => g === 'village_heads')).toHaveLength(1);
    expect(groups.filter((g) => g === 'info_officers')).toHaveLength(1);
    const residents = village.items.filter((c) => c.group === 'residents');
    expect(residents.filter((c) => c.consent).length).toBeGreaterThan(residents.filter((c) => !c.consent).length);
    expect(residents.some((c) => !c.consent)).toBe(true);
    for (const c of village.items) {
      expect(c).toMatchObject({ demo: true, villageCode: YONGLIAN });
      expect(c.phone).toMatch(/^1390000\d{4}$/);
      expect(c.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
    expect(residents.filter((c) => c.specialNeed)).toHaveLength(3);
    // A second load adds nothing; the whole load is one audit entry.
    expect(await loadContactsDemo(env.platform, COUNTY)).toEqual({ loaded: 0 });
    const loads = await env.platform.audit.list(SYSTEM_ACTOR, { action: 'contact.demo_load', limit: 10, offset: 0 });
    expect(loads.total).toBe(1);
  });

  it('creates within scope, audited with the change, and publishes contacts.changed after commit', async () => {
    const created = await contacts.create(yonghe, input(YONGLIAN, { name: '韦新居民', consent: false }));
    expect(created).toMatchObject({ name: '韦新居民', areaCode: YONGLIAN, villageCode: YONGLIAN, consent: false, demo: false });
    const audit = await auditOf(created.id);
    expect(audit.items.map((a) => a.action)).toEqual(['contact.create']);
    expect(
      events.find((e) => e.type === 'contacts.changed' && (e.data as { ids: string[] }).ids[0] === created.id),
    ).toMatchObject({
      areaCode: YONGLIAN,
      data: { action: 'created', count: 1 },
    });
    expect(await contacts.get(yonghe, created.id)).toEqual(created);

    const changed = await contacts.update(yonghe, created.id, { consent: true, note: '已电话确认' });
    expect(changed).toMatchObject({ consent: true, note: '已电话确认', name: '韦新居民' });
    await contacts.remove(yonghe, created.id);
    await expect(contacts.get(yonghe, created.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect((await auditOf(created.id)).items.map((a) => a.action).sort()).toEqual([
      'contact.create',
      'contact.delete',
      'contact.update',
    ]);
  });

  it('keeps a township officer out of another township: no reading, adding, moving, changing or deleting', async () => {
    const theirs = (await contacts.list(jitian, { limit: 1, offset: 0 })).items[0]!;
    expect(theirs.areaCode.startsWith(JITIAN)).toBe(true);

    const own = await contacts.list(yonghe, { limit: 500, offset: 0 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((c) => c.areaCode.startsWith(YONGHE))).toBe(true);
    expect((await contacts.list(yonghe, { areaCode: JITIAN, limit: 50, offset: 0 })).items).toEqual([]);
    expect((await contacts.list(yonghe, { q: theirs.name, limit: 500, offset: 0 })).items.map((c) => c.id)).not.toContain(
      theirs.id,
    );
    await expect(contacts.get(yonghe, theirs.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(contacts.create(yonghe, input(jitianVillage))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    await expect(contacts.update(yonghe, theirs.id, { name: '改名' })).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(contacts.remove(yonghe, theirs.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    const mine = own.items[0]!;
    await expect(contacts.update(yonghe, mine.id, { areaCode: jitianVillage })).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await contacts.get(jitian, theirs.id)).name).toBe(theirs.name);

    // Over HTTP the same: the list is filtered, the neighbour's entry is not found.
    const listed = (await http.get(`/api/warning-contacts?areaCode=${JITIAN}`)).json();
    expect(listed).toMatchObject({ items: [], total: 0 });
    expect((await http.get(`/api/warning-contacts/${theirs.id}`)).json()).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
  });

  it('lets a village 信息员 keep their own village only; read-only roles without the permission see nothing', async () => {
    const own = await contacts.list(reporter, { limit: 500, offset: 0 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((c) => c.villageCode === YONGLIAN)).toBe(true);
    const added = await contacts.create(reporter, input(YONGLIAN, { name: '蒙新邻', phone: '13911112222' }));
    expect(added.areaCode).toBe(YONGLIAN);
    await expect(contacts.create(reporter, input(otherYongheVillage))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    await contacts.remove(reporter, added.id);
    const enterprise = actor('qiye', 'enterprise_safety', YONGHE);
    await expect(contacts.list(enterprise, { limit: 10, offset: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const readonly = actor('chakan', 'readonly', COUNTY);
    await expect(contacts.create(readonly, input(YONGLIAN))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('validates: 11-digit mobiles, consent required, a village or group that exists, never a township', async () => {
    const post = (body: Record<string, unknown>) => http.post('/api/warning-contacts', body);
    const ok = { name: '黄测试', phone: '13900009999', areaCode: YONGLIAN, consent: true };
    const short = await post({ ...ok, phone: '1390000999' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(short.json())).toContain('手机号应为 11 位');
    expect((await post({ ...ok, phone: '0763-6612345' })).statusCode).toBe(400);
    const { consent: _consent, ...withoutConsent } = ok;
    expect((await post(withoutConsent)).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post({ ...ok, consent: 'yes' })).statusCode).toBe(400);
    expect((await post({ ...ok, areaCode: YONGHE })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post({ ...ok, helperPhone: '12345' })).statusCode).toBe(400);
    expect((await post({ ...ok, extra: 1 })).statusCode).toBe(400);
    // Twelve digits, but no such village.
    expect((await post({ ...ok, areaCode: '441825100999' })).json()).toMatchObject({ code: 'AREA_NOT_FOUND' });

    const created = await post(ok);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    // A PATCH changes only what it sends: the other fields keep their values.
    await http.patch(`/api/warning-contacts/${id}`, { specialNeed: 'elderly', helperName: '黄邻居', helperPhone: '13900008888' });
    const patched = (await http.patch(`/api/warning-contacts/${id}`, { note: '独居' })).json();
    expect(patched).toMatchObject({
      specialNeed: 'elderly',
      helperName: '黄邻居',
      consent: true,
      group: 'residents',
      note: '独居',
    });
    expect((await http.patch(`/api/warning-contacts/${id}`, { phone: '139' })).statusCode).toBe(400);
    expect((await http.request({ method: 'DELETE', url: `/api/warning-contacts/${id}` })).json()).toEqual({ ok: true });
  });

  it('filters by area, group, special need and name, with a capped total', async () => {
    const heads = await contacts.list(yonghe, { group: 'village_heads', limit: 500, offset: 0 });
    const villages = await env.platform.areas.list(SYSTEM_ACTOR, { parentCode: YONGHE, limit: 500, offset: 0 });
    expect(heads.total).toBe(villages.total);
    expect(heads.items.every((c) => c.group === 'village_heads')).toBe(true);

    const special = await contacts.list(yonghe, { special: true, limit: 500, offset: 0 });
    expect(special.total).toBe(villages.total * 3);
    expect(special.items.every((c) => c.specialNeed !== null)).toBe(true);
    const plain = await contacts.list(yonghe, { special: false, areaCode: YONGLIAN, limit: 500, offset: 0 });
    expect(plain.items.every((c) => c.specialNeed === null)).toBe(true);

    const surname = special.items[0]!.name.slice(0, 1);
    const byName = await contacts.list(yonghe, { q: surname, limit: 500, offset: 0 });
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((c) => c.name.includes(surname))).toBe(true);

    // The county holds more than TOTAL_CAP contacts: the count stops there, and pages still follow.
    const county = await contacts.list(duty, { limit: 20, offset: 0 });
    expect(county).toMatchObject({ total: 1000, totalCapped: true, hasMore: true });
    expect(county.items).toHaveLength(20);
    const page2 = await contacts.list(duty, { limit: 20, offset: 20 });
    expect(page2.items[0]!.id).not.toBe(county.items[0]!.id);
    const all = (await http.get(`/api/warning-contacts?areaCode=${YONGLIAN}&group=residents&special=true`)).json();
    expect(all).toMatchObject({ total: 3, totalCapped: false, hasMore: false });
  });

  it('lists a village’s 特殊群体 with their 四个一 for its officer, and flags the incomplete ones', async () => {
    const list = await contacts.special(reporter, YONGLIAN);
    expect(list).toMatchObject({ villageCode: YONGLIAN, villageName: expect.stringContaining('永联') });
    expect(list.items).toHaveLength(3);
    for (const c of list.items) {
      expect(c.specialNeed).not.toBeNull();
      expect(c.helperName).toBeTruthy();
      expect(c.helperPhone).toMatch(/^1\d{10}$/);
      expect(c.shelterName).toBeTruthy();
    }
    expect(list.incomplete).toBe(list.items.filter((c) => !c.route).length);

    // A new special contact without route or shelter counts as incomplete.
    const added = await contacts.create(
      reporter,
      input(YONGLIAN, { name: '盘阿婆', specialNeed: 'elderly', helperName: '盘二' }),
    );
    const after = await contacts.special(reporter, YONGLIAN);
    expect(after.items.map((c) => c.id)).toContain(added.id);
    expect(after.incomplete).toBe(list.incomplete + 1);
    await contacts.remove(reporter, added.id);

    // Another village is out of the 信息员's sight, as if it did not exist.
    await expect(contacts.special(reporter, otherYongheVillage)).rejects.toMatchObject({ code: 'AREA_NOT_FOUND' });
    await expect(contacts.special(yonghe, jitianVillage)).rejects.toMatchObject({ code: 'AREA_NOT_FOUND' });
    const byHttp = await http.get(`/api/warning-contacts/special?villageCode=${YONGLIAN}`);
    expect(byHttp.json()).toMatchObject({ villageCode: YONGLIAN, items: expect.any(Array) });
    expect((await http.get(`/api/warning-contacts/special?villageCode=${YONGHE}`)).statusCode).toBe(400);
  });
});
