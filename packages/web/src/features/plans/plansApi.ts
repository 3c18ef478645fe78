import type { CappedPage } from '@yingji/contracts/common.ts';
import type {
  FilePlan,
  FinishEvaluation,
  MarkRevision,
  Plan,
  PlanAttachment,
  PlanCategory,
  PlanCreate,
  PlanDetail,
  PlanHazard,
  PlanState,
  PlanUpdate,
  Publish,
  ReturnDraft,
  ReviewOpinionInput,
  RevisionOverview,
  StepNote,
  SubmitReview,
} from '@yingji/contracts/plans.ts';
import type { CardsQuery, DigitalPlan, DigitalPlanView, DigitalValidation } from '@yingji/contracts/plans-digital.ts';
import type {
  Drill,
  DrillCancel,
  DrillCreate,
  DrillEvaluation,
  DrillExecution,
  DrillFrequencyOverview,
  DrillState,
  DrillType,
} from '@yingji/contracts/plans-drills.ts';
import type { Session } from '@yingji/contracts/auth.ts';
import { api, ApiError, query } from '../../app/api.ts';

export interface PlanFilter {
  areaCode?: string;
  category?: PlanCategory;
  state?: PlanState;
  hazard?: PlanHazard;
  ownerDepartment?: string;
  q?: string;
}

export const fetchPlans = (f: PlanFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Plan>>(`/api/plans${query({ ...f, limit, offset })}`, { signal });
export const fetchPlan = (id: string, signal?: AbortSignal) => api.get<PlanDetail>(`/api/plans/${id}`, { signal });
export const createPlan = (input: PlanCreate) => api.post<PlanDetail>('/api/plans', input);
export const updatePlan = (id: string, input: PlanUpdate) => api.patch<PlanDetail>(`/api/plans/${id}`, input);
export const deletePlan = (id: string) => api.delete<{ ok: true }>(`/api/plans/${id}`);
export const fetchRevisionOverview = (areaCode: string | undefined, signal?: AbortSignal) =>
  api.get<RevisionOverview>(`/api/plans/revision-overview${query({ areaCode })}`, { signal });

// ——— Lifecycle steps (POST /api/plans/:id/<path>), each answering with the plan's new detail ———

const step =
  <B>(path: string) =>
  (id: string, body: B) =>
    api.post<PlanDetail>(`/api/plans/${id}/${path}`, body);

export const STEP_CALLS = {
  submit_review: step<SubmitReview>('submit-review'),
  review_opinion: step<ReviewOpinionInput>('review-opinions'),
  submit_approval: step<StepNote>('submit-approval'),
  return_draft: step<ReturnDraft>('return'),
  approve: step<StepNote>('approve'),
  publish: step<Publish>('publish'),
  file: step<FilePlan>('file'),
  start_evaluation: step<StepNote>('evaluation/start'),
  finish_evaluation: step<FinishEvaluation>('evaluation/finish'),
  mark_revision: step<MarkRevision>('revision-flag'),
  revise: step<StepNote>('revise'),
};

// ——— Attachments ———

export const attachmentUrl = (planId: string, attachmentId: string) => `/api/plans/${planId}/attachments/${attachmentId}`;
/**
 * Sends the file itself as the body (the server judges it by its content, not by its name or type) and answers
 * with the stored attachment, or the server's refusal (PLAN_ATTACHMENT_TYPE / _TOO_LARGE) as an ApiError.
 */
export async function uploadAttachment(planId: string, file: File): Promise<PlanAttachment> {
  const { csrfToken } = await api.get<Session>('/api/auth/me');
  let response: Response;
  try {
    response = await fetch(`/api/plans/${planId}/attachments${query({ fileName: file.name })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken, accept: 'application/json' },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '上传失败：无法连接服务器，或文件过大被服务器拒绝');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<PlanAttachment> & { code?: string; message?: string };
  if (response.ok) return body as PlanAttachment;
  throw new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? `上传失败（HTTP ${response.status}）`,
  );
}
export const deleteAttachment = (planId: string, attachmentId: string) =>
  api.delete<{ ok: true }>(attachmentUrl(planId, attachmentId));

// ——— Digital plan and 应急处置卡 ———

export const fetchDigital = (id: string, signal?: AbortSignal) =>
  api.get<DigitalPlanView>(`/api/plans/${id}/digital`, { signal });
export const saveDigital = (id: string, digital: DigitalPlan) => api.put<DigitalPlanView>(`/api/plans/${id}/digital`, digital);
export const validateDigital = (hazardTypes: PlanHazard[], digital: DigitalPlan) =>
  api.post<DigitalValidation>('/api/plans/digital/validate', { hazardTypes, digital });
export const cardsUrl = (id: string, q: CardsQuery) => `/api/plans/${id}/cards.pdf${query({ ...q })}`;

// ——— Drills ———

export interface DrillFilter {
  areaCode?: string;
  planId?: string;
  type?: DrillType;
  state?: DrillState;
  from?: string;
  to?: string;
}

export const fetchDrills = (f: DrillFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Drill>>(`/api/drills${query({ ...f, limit, offset })}`, { signal });
export const fetchDrill = (id: string, signal?: AbortSignal) => api.get<Drill>(`/api/drills/${id}`, { signal });
export const createDrill = (input: DrillCreate) => api.post<Drill>('/api/drills', input);
export const recordExecution = (id: string, input: DrillExecution) => api.post<Drill>(`/api/drills/${id}/execution`, input);
export const evaluateDrill = (id: string, input: DrillEvaluation) => api.post<Drill>(`/api/drills/${id}/evaluation`, input);
export const cancelDrill = (id: string, input: DrillCancel) => api.post<Drill>(`/api/drills/${id}/cancel`, input);
export const fetchDrillOverview = (areaCode: string | undefined, signal?: AbortSignal) =>
  api.get<DrillFrequencyOverview>(`/api/drills/overview${query({ areaCode })}`, { signal });
