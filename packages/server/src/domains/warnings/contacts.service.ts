import { randomUUID } from 'node:crypto';
import type { CappedPage } from '@yingji/contracts/common.ts';
import {
  transferPlanComplete,
  type Contact,
  type ContactCreate,
  type ContactListQuery,
  type ContactUpdate,
  type SpecialContacts,
} from '@yingji/contracts/warnings.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import { prepareRows } from '../../platform/excel-rows.ts';
import { contactsRepo, type ContactRow } from './contacts.repo.ts';
import './contacts.events.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import type { WarningContactsTable } from './warnings.tables.ts';

/** What the contact register needs of the warnings domain's dependencies (WarningsDeps satisfies it). */
export type ContactsDeps = Pick<WarningsDeps, 'db' | 'audit' | 'events' | 'clock' | 'areas'>;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    group: row.grp,
    areaCode: row.area_code,
    villageCode: row.village_code,
    consent: row.consent === 1,
    specialNeed: row.special_need as Contact['specialNeed'],
    helperName: row.helper_name,
    helperPhone: row.helper_phone,
    route: row.route,
    shelterName: row.shelter_name,
    note: row.note,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The fields a create or an update writes, in the table's names. */
function columnsOf(input: ContactUpdate) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.group !== undefined && { grp: input.group }),
    ...(input.areaCode !== undefined && { area_code: input.areaCode, village_code: input.areaCode.slice(0, 12) }),
    ...(input.consent !== undefined && { consent: input.consent ? 1 : 0 }),
    ...(input.specialNeed !== undefined && { special_need: input.specialNeed }),
    ...(input.helperName !== undefined && { helper_name: input.helperName }),
    ...(input.helperPhone !== undefined && { helper_phone: input.helperPhone }),
    ...(input.route !== undefined && { route: input.route }),
    ...(input.shelterName !== undefined && { shelter_name: input.shelterName }),
    ...(input.note !== undefined && { note: input.note }),
  };
}

/**
 * 预警接收人: resident phone groups (with their consent to receive warnings), village cadres, 灾害信息员 and others
 * registered by village, and the 特殊群体 among them with their 临灾转移“四个一”. The warnings fan-out reads this
 * register (warnings.recipients.ts: contactsSource); a village's 信息员 keeps their own village's list.
 */
export class ContactsService {
  constructor(private readonly deps: ContactsDeps) {}

  async list(actor: Actor, query: ContactListQuery): Promise<CappedPage<Contact>> {
    assertCan(actor, 'contacts:read');
    const { rows, ...page } = await contactsRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toContact), ...page };
  }

  async get(actor: Actor, id: string): Promise<Contact> {
    assertCan(actor, 'contacts:read');
    const row = await contactsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('CONTACT_NOT_FOUND', { id });
    return toContact(row);
  }

  async all(actor: Actor): Promise<Contact[]> {
    assertCan(actor, 'contacts:read');
    return (await contactsRepo.all(this.deps.db.kysely, actor.areaCode)).map(toContact);
  }

  /** 特殊群体名单 of a village (or a group/grid in it), with how many lack part of their 四个一. */
  async special(actor: Actor, villageCode: string): Promise<SpecialContacts> {
    assertCan(actor, 'contacts:read');
    // Out of scope and absent look the same (the areas service answers AREA_NOT_FOUND for both).
    const area = await this.deps.areas.get(actor, villageCode);
    const items = (await contactsRepo.special(this.deps.db.kysely, actor.areaCode, villageCode)).map(toContact);
    return {
      villageCode,
      villageName: area.name,
      items,
      incomplete: items.filter((c) => !transferPlanComplete(c)).length,
    };
  }

  /**
   * A contact is registered to a village or a group/grid under it, which must exist and lie in the actor's scope.
   * Asked before any transaction: the areas service reads through its own connection (SQLite has only one).
   */
  private async checkArea(actor: Actor, areaCode: string): Promise<void> {
    assertWithinScope(actor, areaCode);
    const area = await this.deps.areas.get(actor, areaCode);
    if (area.level !== 'village' && area.level !== 'group' && area.level !== 'grid') {
      fail('AREA_LEVEL_INVALID', { code: areaCode }, '接收人应登记到村（社区）或其下的组/网格');
    }
  }

  /** checkArea once per area code of a batch (an import of a village's residents names the same code many times). */
  private areaChecker(actor: Actor): (areaCode: string) => Promise<void> {
    const checked = new Map<string, Promise<void>>();
    return (areaCode) => {
      if (!checked.has(areaCode)) checked.set(areaCode, this.checkArea(actor, areaCode));
      return checked.get(areaCode)!;
    };
  }

  private newRow(input: ContactCreate, demo: boolean): Insertable<WarningContactsTable> {
    const now = this.deps.clock.now().toISOString();
    return {
      id: randomUUID(),
      name: input.name,
      phone: input.phone,
      email: input.email,
      grp: input.group,
      area_code: input.areaCode,
      village_code: input.areaCode.slice(0, 12),
      consent: input.consent ? 1 : 0,
      special_need: input.specialNeed,
      helper_name: input.helperName,
      helper_phone: input.helperPhone,
      route: input.route,
      shelter_name: input.shelterName,
      note: input.note,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  /** Inserts the rows with an audit entry each, in one transaction. */
  private insert(actor: Actor, rows: Insertable<WarningContactsTable>[], action: 'contact.create' | 'contact.import') {
    const { db, audit } = this.deps;
    return db.kysely.transaction().execute(async (trx) => {
      await contactsRepo.insertMany(trx, rows);
      const created: Contact[] = [];
      for (const row of rows) {
        const contact = toContact(row as ContactRow);
        await audit.record(trx, actor, {
          action,
          entity: 'contact',
          entityId: contact.id,
          areaCode: contact.areaCode,
          after: contact,
        });
        created.push(contact);
      }
      return created;
    });
  }

  async create(actor: Actor, input: ContactCreate): Promise<Contact> {
    assertCan(actor, 'contacts:edit');
    await this.checkArea(actor, input.areaCode);
    const [created] = await this.insert(actor, [this.newRow(input, false)], 'contact.create');
    await this.deps.events.publish('contacts.changed', created!.areaCode, { action: 'created', ids: [created!.id], count: 1 });
    return created!;
  }

  /** Excel rows, all or nothing: every row's area is checked first (errors listed per row), then all are inserted. */
  async importRows(actor: Actor, items: { row: number; value: ContactCreate }[]): Promise<Contact[]> {
    assertCan(actor, 'contacts:edit');
    const checkArea = this.areaChecker(actor);
    const rows = await prepareRows(
      items,
      async (input) => {
        await checkArea(input.areaCode);
        return this.newRow(input, false);
      },
      { OUT_OF_SCOPE: '村/组代码', AREA_NOT_FOUND: '村/组代码', AREA_LEVEL_INVALID: '村/组代码' },
    );
    const created = await this.insert(actor, rows, 'contact.import');
    await this.deps.events.publish('contacts.changed', actor.areaCode || null, {
      action: 'imported',
      ids: [],
      count: created.length,
    });
    return created;
  }

  /**
   * The demo county's contacts (contacts.demo.ts): checked like an import, inserted in one transaction with one audit
   * entry for the load (a thousand generated people are one act, and every test environment loads them).
   */
  async loadDemo(actor: Actor, countyCode: string, inputs: ContactCreate[]): Promise<number> {
    assertCan(actor, 'contacts:edit');
    const checkArea = this.areaChecker(actor);
    for (const input of inputs) await checkArea(input.areaCode);
    const rows = inputs.map((input) => this.newRow(input, true));
    const { db, audit, events } = this.deps;
    await db.kysely.transaction().execute(async (trx) => {
      await contactsRepo.insertMany(trx, rows);
      await audit.record(trx, actor, {
        action: 'contact.demo_load',
        entity: 'contact',
        entityId: countyCode,
        areaCode: countyCode,
        after: { contacts: rows.length, villages: new Set(rows.map((r) => r.village_code)).size, note: '预警接收人演示数据' },
      });
    });
    await events.publish('contacts.changed', countyCode, { action: 'imported', ids: [], count: rows.length });
    return rows.length;
  }

  /** Whether the demo contacts of a county are already there (loading them again would double them). */
  hasDemo(countyCode: string): Promise<boolean> {
    return contactsRepo.hasDemo(this.deps.db.kysely, countyCode);
  }

  async update(actor: Actor, id: string, input: ContactUpdate): Promise<Contact> {
    assertCan(actor, 'contacts:edit');
    const { db, audit, clock, events } = this.deps;
    const current = await contactsRepo.byId(db.kysely, actor.areaCode, id);
    if (!current) fail('CONTACT_NOT_FOUND', { id });
    if (input.areaCode !== undefined && input.areaCode !== current.area_code) await this.checkArea(actor, input.areaCode);
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await contactsRepo.byId(trx, actor.areaCode, id);
      if (!before) fail('CONTACT_NOT_FOUND', { id });
      await contactsRepo.update(trx, id, { ...columnsOf(input), updated_at: clock.now().toISOString() });
      const updated = toContact((await contactsRepo.byId(trx, '', id))!);
      await audit.record(trx, actor, {
        action: 'contact.update',
        entity: 'contact',
        entityId: id,
        areaCode: updated.areaCode,
        before: toContact(before),
        after: updated,
      });
      return updated;
    });
    await events.publish('contacts.changed', after.areaCode, { action: 'updated', ids: [id], count: 1 });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'contacts:edit');
    const { db, audit, events } = this.deps;
    const removed = await db.kysely.transaction().execute(async (trx) => {
      const row = await contactsRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('CONTACT_NOT_FOUND', { id });
      await contactsRepo.remove(trx, id);
      await audit.record(trx, actor, {
        action: 'contact.delete',
        entity: 'contact',
        entityId: id,
        areaCode: row.area_code,
        before: toContact(row),
      });
      return row;
    });
    await events.publish('contacts.changed', removed.area_code, { action: 'deleted', ids: [id], count: 1 });
  }
}
