import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/permissions.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { fail } from '../errors.ts';

/**
 * A configurable rule: a threshold that differs by county or rests on a source to be confirmed. Defined in code with
 * a default and a schema; an administrator may override it; every change is versioned in the audit log.
 */
export interface RuleDefinition<S extends z.ZodType = z.ZodType> {
  key: string;
  /** What it means and where the default comes from (the rule or seed it cites). */
  description: string;
  schema: S;
  default: z.infer<S>;
}

const DEFINITIONS = new Map<string, RuleDefinition>();

/** Declare a rule at module load: `export const M2_PER_PERSON = defineRule({ key, description, schema, default })`. */
export function defineRule<S extends z.ZodType>(definition: RuleDefinition<S>): RuleDefinition<S> {
  if (DEFINITIONS.has(definition.key)) throw new Error(`rule ${definition.key} defined twice`);
  definition.schema.parse(definition.default);
  DEFINITIONS.set(definition.key, definition);
  return definition;
}

export interface RuleView {
  key: string;
  description: string;
  value: unknown;
  default: unknown;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export class RulesService {
  constructor(private readonly deps: { db: Db; audit: AuditLog; clock: Clock }) {}

  /** The rule's current value: the administrator's override, or the default. */
  async get<S extends z.ZodType>(rule: RuleDefinition<S>): Promise<z.infer<S>> {
    const row = await this.deps.db.kysely.selectFrom('rules').select('value').where('key', '=', rule.key).executeTakeFirst();
    return row ? (rule.schema.parse(JSON.parse(row.value)) as z.infer<S>) : rule.default;
  }

  async list(): Promise<RuleView[]> {
    const rows = await this.deps.db.kysely.selectFrom('rules').selectAll().execute();
    return [...DEFINITIONS.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((d) => {
        const row = rows.find((r) => r.key === d.key);
        return {
          key: d.key,
          description: d.description,
          value: row ? JSON.parse(row.value) : d.default,
          default: d.default,
          version: row?.version ?? 0,
          updatedAt: row?.updated_at ?? null,
          updatedBy: row?.updated_by ?? null,
        };
      });
  }

  async set(actor: Actor, key: string, value: unknown): Promise<RuleView> {
    assertCan(actor, 'rules:edit');
    const definition = DEFINITIONS.get(key);
    if (!definition) fail('RULE_UNKNOWN', { key });
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) fail('VALIDATION_FAILED', { issues: parsed.error.issues }, `规则 ${key} 的取值不合法`);
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('rules').selectAll().where('key', '=', key).executeTakeFirst();
      const row = {
        key,
        value: JSON.stringify(parsed.data),
        version: (before?.version ?? 0) + 1,
        updated_at: now,
        updated_by: actor.username,
      };
      if (before) await trx.updateTable('rules').set(row).where('key', '=', key).execute();
      else await trx.insertInto('rules').values(row).execute();
      await this.deps.audit.record(trx, actor, {
        action: 'rule.set',
        entity: 'rule',
        entityId: key,
        areaCode: null,
        before: before ? JSON.parse(before.value) : definition.default,
        after: parsed.data,
      });
    });
    return (await this.list()).find((r) => r.key === key)!;
  }
}
