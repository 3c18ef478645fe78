import type {
  AttachmentKind,
  CatalogueMark,
  EnterprisePlanForm,
  PlanCategory,
  PlanEventClass,
  PlanEventKind,
  PlanState,
  RevisionTrigger,
} from '@yingji/contracts/plans.ts';
import type { DrillState, DrillType } from '@yingji/contracts/plans-drills.ts';

/** One version of an emergency plan (应急预案). Versions of one plan share lineage_id (the first version's id). */
export interface PlansTable {
  id: string;
  lineage_id: string;
  version: number;
  name: string;
  category: PlanCategory;
  event_class: PlanEventClass | null;
  enterprise_form: EnterprisePlanForm | null;
  owner_department: string;
  /** The plan's area; the scope filter reads it. */
  area_code: string;
  /** JSON array of PlanHazard. */
  hazard_types: string;
  /** 0/1. */
  public: number;
  parent_id: string | null;
  /** JSON array of plan ids. */
  related_ids: string;
  catalogue_mark: CatalogueMark | null;
  summary: string | null;
  state: PlanState;
  /** JSON DigitalPlan (levels, triggers, command, tasks). */
  digital: string;
  /** Levels in `digital`, kept beside it so lists need not parse it. */
  level_count: number;
  published_on: string | null;
  document_number: string | null;
  filing_number: string | null;
  filed_with: string | null;
  filed_on: string | null;
  /** JSON {round, reviewers[]} of the current review round. */
  review: string | null;
  revision_trigger: RevisionTrigger | null;
  revision_reason: string | null;
  revision_flagged_at: string | null;
  revision_flagged_by: string | null;
  previous_version_id: string | null;
  next_version_id: string | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

/** The timeline of a plan version: every lifecycle step and edit, in order (the audit log holds the same, chained). */
export interface PlanEventsTable {
  id: string;
  plan_id: string;
  seq: number;
  kind: PlanEventKind;
  from_state: PlanState | null;
  to_state: PlanState | null;
  actor_name: string;
  at: string;
  note: string | null;
  /** JSON. */
  details: string | null;
}

/** A PDF or Word file of a plan version, stored under <dataDir>/plans/<plan id>/. */
export interface PlanAttachmentsTable {
  id: string;
  plan_id: string;
  file_name: string;
  kind: AttachmentKind;
  content_type: string;
  size: number;
  sha256: string;
  /** Relative to the data directory. */
  path: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** 应急演练. */
export interface DrillsTable {
  id: string;
  plan_id: string;
  /** The plan's lineage: a drill of any version counts for the plan's drill frequency. */
  plan_lineage_id: string;
  area_code: string;
  title: string;
  type: DrillType;
  scenario: string;
  organiser: string;
  /** JSON DrillParticipant[]. */
  participants: string;
  planned_on: string;
  state: DrillState;
  conducted_on: string | null;
  /** JSON DrillExecution. */
  execution: string | null;
  /** JSON DrillEvaluation + evaluatedAt, evaluatedBy. */
  evaluation: string | null;
  cancel_reason: string | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

export interface PlansTables {
  plans: PlansTable;
  plan_events: PlanEventsTable;
  plan_attachments: PlanAttachmentsTable;
  drills: DrillsTable;
}
