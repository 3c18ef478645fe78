import type {
  CoverageReport,
  DutyGapReport,
  DutyHolder,
  DutyHolderCreate,
  DutyHolderUpdate,
  DutyRole,
  Shelter,
  ShelterCreate,
  ShelterGrade,
  ShelterOccupancy,
  ShelterType,
  ShelterUpdate,
  Target,
  TargetCreate,
  TargetType,
  TargetUpdate,
} from '@yingji/contracts/shelters.ts';
import { api, query } from '../../app/api.ts';
import type { Paged } from '../../app/usePagedList.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';

export interface ShelterFilter {
  areaCode?: string;
  type?: ShelterType;
  grade?: ShelterGrade;
  open?: boolean;
  q?: string;
}

export const fetchShelters = (f: ShelterFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Shelter>>(`/api/shelters${query({ ...f, limit, offset })}`, { signal });
export const fetchShelter = (id: string, signal?: AbortSignal) => api.get<Shelter>(`/api/shelters/${id}`, { signal });
export const createShelter = (input: ShelterCreate) => api.post<Shelter>('/api/shelters', input);
export const updateShelter = (id: string, input: ShelterUpdate) => api.patch<Shelter>(`/api/shelters/${id}`, input);
export const deleteShelter = (id: string) => api.delete<{ ok: true }>(`/api/shelters/${id}`);
export const setShelterOpen = (id: string, open: boolean) => api.post<Shelter>(`/api/shelters/${id}/${open ? 'open' : 'close'}`);
export const changeOccupancy = (id: string, input: ShelterOccupancy) => api.post<Shelter>(`/api/shelters/${id}/occupancy`, input);
export const fetchCoverage = (signal?: AbortSignal) => api.get<CoverageReport>('/api/shelters/coverage', { signal });

export interface TargetFilter {
  areaCode?: string;
  type?: TargetType;
  q?: string;
}

export const fetchTargets = (f: TargetFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Target>>(`/api/protection-targets${query({ ...f, limit, offset })}`, { signal });
export const createTarget = (input: TargetCreate) => api.post<Target>('/api/protection-targets', input);
export const updateTarget = (id: string, input: TargetUpdate) => api.patch<Target>(`/api/protection-targets/${id}`, input);
export const deleteTarget = (id: string) => api.delete<{ ok: true }>(`/api/protection-targets/${id}`);

export interface DutyHolderFilter {
  areaCode?: string;
  role?: DutyRole;
  shelterId?: string;
  targetId?: string;
  q?: string;
}

export const fetchDutyHolders = (f: DutyHolderFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<Paged<DutyHolder>>(`/api/duty-holders${query({ ...f, limit, offset })}`, { signal });
export const createDutyHolder = (input: DutyHolderCreate) => api.post<DutyHolder>('/api/duty-holders', input);
export const updateDutyHolder = (id: string, input: DutyHolderUpdate) => api.patch<DutyHolder>(`/api/duty-holders/${id}`, input);
export const deleteDutyHolder = (id: string) => api.delete<{ ok: true }>(`/api/duty-holders/${id}`);
export const fetchDutyGaps = (role: DutyRole, signal?: AbortSignal) =>
  api.get<DutyGapReport>(`/api/duty-holders/gaps${query({ role })}`, { signal });

/** The current value of a configurable rule (GET /api/rules answers every signed-in user). */
export async function fetchRule<T>(key: string, signal?: AbortSignal): Promise<T | null> {
  const rules = await api.get<{ key: string; value: unknown }[]>('/api/rules', { signal });
  return (rules.find((r) => r.key === key)?.value as T | undefined) ?? null;
}
