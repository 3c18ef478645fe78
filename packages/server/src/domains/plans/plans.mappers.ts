import type { Plan, PlanAttachment, PlanHazard, PlanLink, PlanTimelineEntry, Reviewer } from '@yingji/contracts/plans.ts';
import { zDigitalPlan, type DigitalPlan } from '@yingji/contracts/plans-digital.ts';
import { parseJson } from '../../platform/db/types.ts';
import type { AttachmentRow, PlanEventRow, PlanRow } from './plans.repo.ts';
import { addMonths } from './plans.rules.ts';

/** What a plan's view needs beyond its row: the area's name, its attachments, the revision period in force. */
export interface PlanViewContext {
  areaNames: ReadonlyMap<string, string | null>;
  attachmentCounts: ReadonlyMap<string, number>;
  revisionYears: number;
}

export function digitalOf(row: Pick<PlanRow, 'digital'>): DigitalPlan {
  // Parsed through the contract, so the defaults of fields added later apply to plans stored before.
  return zDigitalPlan.parse(JSON.parse(row.digital));
}

/** The explicit 需修订 flag of a version, if any. */
export function revisionFlagOf(row: PlanRow): Plan['revision']['flagged'] {
  if (!row.revision_trigger || !row.revision_reason || !row.revision_flagged_at) return null;
  return {
    trigger: row.revision_trigger,
    reason: row.revision_reason,
    flaggedAt: row.revision_flagged_at,
    flaggedBy: row.revision_flagged_by ?? 'system',
  };
}

export function toPlan(row: PlanRow, ctx: PlanViewContext): Plan {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    version: row.version,
    name: row.name,
    category: row.category,
    eventClass: row.event_class,
    enterpriseForm: row.enterprise_form,
    ownerDepartment: row.owner_department,
    areaCode: row.area_code,
    areaName: ctx.areaNames.get(row.area_code) ?? null,
    hazardTypes: JSON.parse(row.hazard_types) as PlanHazard[],
    public: row.public === 1,
    parentId: row.parent_id,
    relatedIds: JSON.parse(row.related_ids) as string[],
    catalogueMark: row.catalogue_mark,
    summary: row.summary,
    state: row.state,
    publishedOn: row.published_on,
    documentNumber: row.document_number,
    filing:
      row.filing_number && row.filed_with && row.filed_on
        ? { number: row.filing_number, filedWith: row.filed_with, filedOn: row.filed_on }
        : null,
    review: parseJson<{ round: number; reviewers: Reviewer[] }>(row.review),
    revision: {
      dueOn: row.published_on && row.state !== 'superseded' ? addMonths(row.published_on, ctx.revisionYears * 12) : null,
      flagged: revisionFlagOf(row),
    },
    previousVersionId: row.previous_version_id,
    nextVersionId: row.next_version_id,
    levelCount: row.level_count,
    attachmentCount: ctx.attachmentCounts.get(row.id) ?? 0,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const toLink = (row: Pick<PlanRow, 'id' | 'name' | 'version' | 'state'>): PlanLink => ({
  id: row.id,
  name: row.name,
  version: row.version,
  state: row.state,
});

export const toAttachment = (row: AttachmentRow): PlanAttachment => ({
  id: row.id,
  planId: row.plan_id,
  fileName: row.file_name,
  kind: row.kind,
  contentType: row.content_type,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

export const toTimelineEntry = (row: PlanEventRow): PlanTimelineEntry => ({
  kind: row.kind,
  fromState: row.from_state,
  toState: row.to_state,
  actorName: row.actor_name,
  at: row.at,
  note: row.note,
  details: parseJson<unknown>(row.details),
});
