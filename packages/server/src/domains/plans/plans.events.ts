import type { PlanEventKind, PlanState, RevisionTrigger } from '@yingji/contracts/plans.ts';
import type { DrillState } from '@yingji/contracts/plans-drills.ts';

/** This domain's events, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /**
     * A plan version changed: registered, edited, a lifecycle step, its digital content or attachments. The matcher's
     * index of plans in force is rebuilt on the next match; open pages refresh.
     */
    'plans.changed': { id: string; lineageId: string; kind: PlanEventKind; state: PlanState };
    /** A plan in force was flagged for revision (explicitly, by an evaluation or by a drill's follow-up action). */
    'plans.revision_flagged': { id: string; name: string; trigger: RevisionTrigger; reason: string };
    'drills.changed': { id: string; planId: string; state: DrillState };
  }
}

export {};
