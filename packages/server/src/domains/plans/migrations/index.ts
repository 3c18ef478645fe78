import type { DomainMigration } from '../../../platform/db/migrator.ts';

export const plansMigrations: DomainMigration[] = [
  {
    name: '20261227T1000_plans',
    async up(db) {
      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lineage_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('event_class', 'text')
        .addColumn('enterprise_form', 'text')
        .addColumn('owner_department', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('hazard_types', 'text', (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('plans.id'))
        .addColumn('related_ids', 'text', (c) => c.notNull())
        .addColumn('catalogue_mark', 'text')
        .addColumn('summary', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('digital', 'text', (c) => c.notNull())
        .addColumn('level_count', 'integer', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('document_number', 'text')
        .addColumn('filing_number', 'text')
        .addColumn('filed_with', 'text')
        .addColumn('filed_on', 'text')
        .addColumn('review', 'text')
        .addColumn('revision_trigger', 'text')
        .addColumn('revision_reason', 'text')
        .addColumn('revision_flagged_at', 'text')
        .addColumn('revision_flagged_by', 'text')
        .addColumn('previous_version_id', 'text')
        .addColumn('next_version_id', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // One version of a plan per number: two concurrent revisions cannot both become version n + 1.
        .addUniqueConstraint('plans_lineage_version', ['lineage_id', 'version'])
        .execute();
      // The register lists by scope (an area-code range) in area, name order.
      await db.schema.createIndex('plans_area_name').on('plans').columns(['area_code', 'name', 'id']).execute();
      // The matcher's load and the overviews read the versions in force.
      await db.schema.createIndex('plans_state').on('plans').columns(['state', 'area_code']).execute();
      await db.schema.createIndex('plans_parent').on('plans').column('parent_id').execute();

      await db.schema
        .createTable('plan_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('details', 'text')
        .addUniqueConstraint('plan_events_plan_seq', ['plan_id', 'seq'])
        .execute();

      await db.schema
        .createTable('plan_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_attachments_plan').on('plan_attachments').column('plan_id').execute();

      await db.schema
        .createTable('drills')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('plan_lineage_id', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('organiser', 'text', (c) => c.notNull())
        .addColumn('participants', 'text', (c) => c.notNull())
        .addColumn('planned_on', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('conducted_on', 'text')
        .addColumn('execution', 'text')
        .addColumn('evaluation', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The calendar: drills in scope by date.
      await db.schema.createIndex('drills_area_planned').on('drills').columns(['area_code', 'planned_on', 'id']).execute();
      // The frequency check: the last drill carried out per plan lineage.
      await db.schema.createIndex('drills_lineage_conducted').on('drills').columns(['plan_lineage_id', 'conducted_on']).execute();
    },
  },
];
