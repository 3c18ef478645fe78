import type { Session } from '@yingji/contracts/auth.ts';
import type {
  CoverageReport,
  DutyGapReport,
  DutyHolder,
  DutyHolderCreate,
  DutyHolderUpdate,
  DutyRole,
  ImportResult,
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
import { api, ApiError, query } from '../../app/api.ts';
import type { Paged } from '../../app/usePagedList.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';

/** The three registers of this domain, by the path of their API. */
export type Register = 'shelters' | 'protection-targets' | 'duty-holders';

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

/**
 * Uploads an .xlsx file to a register's import route. XMLHttpRequest rather than fetch: only it reports upload
 * progress, which a large file needs.
 */
export async function importXlsx(register: Register, file: File, onProgress: (percent: number) => void): Promise<ImportResult> {
  const { csrfToken } = await api.get<Session>('/api/auth/me');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/${register}/import`);
    xhr.setRequestHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络'));
    xhr.onload = () => {
      let body: { code?: string; message?: string; details?: unknown } & Partial<ImportResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below by status */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult);
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `HTTP_${xhr.status}`,
            body.message ?? `导入失败（HTTP ${xhr.status}）`,
            body.details,
          ),
        );
    };
    xhr.send(file);
  });
}
