import type { CappedPage } from '@yingji/contracts/common.ts';
import type {
  Channel,
  Confirmation,
  Coverage,
  Delivery,
  DeliveryState,
  PublicWarning,
  ReviewDecision,
  VillageCoverage,
  Warning,
  WarningDraft,
  WarningEdit,
  WarningLevel,
  WarningState,
  WarningTemplate,
} from '@yingji/contracts/warnings.ts';
import { api, query } from '../../app/api.ts';

/** The web side of /api/warnings… and /api/public/warnings… (domains/warnings). */

const BASE = '/api/warnings';

export interface WarningFilter {
  state?: WarningState;
  source?: Warning['source'];
  /** 审批待办: what waits for the signed-in user's 审核 or 签发. */
  inbox?: boolean;
}

export const fetchWarnings = ({ inbox, ...f }: WarningFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Warning>>(`${BASE}${query({ ...f, inbox: inbox ? 'true' : undefined, limit, offset })}`, { signal });

/** How many warnings wait for my step (the inbox tab's badge); the count stops at the API's cap. */
export async function countInbox(signal?: AbortSignal): Promise<number> {
  const page = await fetchWarnings({ inbox: true }, 1, 0, signal);
  return page.total;
}

export const fetchWarning = (id: string, signal?: AbortSignal) => api.get<Warning>(`${BASE}/${id}`, { signal });
export const createWarning = (draft: WarningDraft) => api.post<Warning>(BASE, draft);
export const editWarning = (id: string, edit: WarningEdit) => api.patch<Warning>(`${BASE}/${id}`, edit);
/** 更新: a new draft (msgType Update) from a published warning. */
export const updateWarning = (id: string, edit: WarningEdit) => api.post<Warning>(`${BASE}/${id}/update`, edit);

export const submitWarning = (id: string) => api.post<Warning>(`${BASE}/${id}/submit`);
export const reviewWarning = (id: string, decision: ReviewDecision) => api.post<Warning>(`${BASE}/${id}/review`, decision);
export const signWarning = (id: string, opinion: string | null) => api.post<Warning>(`${BASE}/${id}/sign`, { opinion });
export const cancelWarning = (id: string, opinion: string | null) => api.post<Warning>(`${BASE}/${id}/cancel`, { opinion });

export const fetchTemplates = (level: WarningLevel, signal?: AbortSignal) =>
  api.get<WarningTemplate[]>(`${BASE}/templates${query({ level })}`, { signal });
/** The channels the server has settings for ('app' always); messages for the others wait in the outbox. */
export const fetchChannels = (signal?: AbortSignal) => api.get<Channel[]>(`${BASE}/channels`, { signal });

/** Links the browser opens itself (download, audio element): the session cookie goes along. */
export const capUrl = (id: string, kind: 'alert' | 'cancel' = 'alert') =>
  `${BASE}/${id}/cap${kind === 'cancel' ? '?kind=cancel' : ''}`;
export const audioUrl = (id: string) => `${BASE}/${id}/audio`;

export interface DeliveryFilter {
  state?: DeliveryState;
  channel?: Channel;
  villageCode?: string;
}

export const fetchDeliveries = (id: string, f: DeliveryFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Delivery>>(`${BASE}/${id}/deliveries${query({ ...f, limit, offset })}`, { signal });
export const fetchCoverage = (id: string, signal?: AbortSignal) => api.get<Coverage>(`${BASE}/${id}/coverage`, { signal });
export const confirmVillage = (id: string, confirmation: Confirmation) =>
  api.post<VillageCoverage>(`${BASE}/${id}/confirm`, confirmation);

/** The county's current warnings, without a session (public page, 一张图). */
export const fetchPublicWarnings = (signal?: AbortSignal) => api.get<PublicWarning[]>('/api/public/warnings', { signal });
export const PUBLIC_FEED_URL = '/api/public/warnings/feed.atom';
