import type {
  CertificateDueReport,
  Equipment,
  EquipmentCreate,
  EquipmentListQuery,
  EquipmentUpdate,
  Expert,
  ExpertCreate,
  ExpertListQuery,
  ExpertUpdate,
  MaintenanceDueReport,
  Member,
  MemberCreate,
  MemberUpdate,
  StandardsReport,
  Team,
  TeamCreate,
  TeamDetail,
  TeamListQuery,
  TeamUpdate,
} from '@yingji/contracts/rescue.ts';
import { api, query } from '../../app/api.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';

type Filter<Q> = Partial<Omit<Q, 'limit' | 'offset'>>;
type Params = Record<string, string | number | boolean | null | undefined>;

export const fetchTeams = (filter: Filter<TeamListQuery>, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Team>>(`/api/rescue/teams${query({ ...(filter as Params), limit, offset })}`, { signal });
export const fetchTeam = (id: string, signal?: AbortSignal) => api.get<TeamDetail>(`/api/rescue/teams/${id}`, { signal });
export const createTeam = (input: TeamCreate) => api.post<Team>('/api/rescue/teams', input);
export const updateTeam = (id: string, changes: TeamUpdate) => api.patch<Team>(`/api/rescue/teams/${id}`, changes);
export const deleteTeam = (id: string) => api.delete<{ ok: true }>(`/api/rescue/teams/${id}`);
export const fetchStandards = (signal?: AbortSignal) => api.get<StandardsReport>('/api/rescue/teams/standards', { signal });

export const createMember = (teamId: string, input: MemberCreate) =>
  api.post<Member>(`/api/rescue/teams/${teamId}/members`, input);
export const updateMember = (id: string, changes: MemberUpdate) => api.patch<Member>(`/api/rescue/members/${id}`, changes);
export const deleteMember = (id: string) => api.delete<{ ok: true }>(`/api/rescue/members/${id}`);
export const fetchCertificatesDue = (days: number | null, signal?: AbortSignal) =>
  api.get<CertificateDueReport>(`/api/rescue/certificates/due${query({ days })}`, { signal });

export const fetchExperts = (filter: Filter<ExpertListQuery>, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Expert>>(`/api/rescue/experts${query({ ...(filter as Params), limit, offset })}`, { signal });
export const createExpert = (input: ExpertCreate) => api.post<Expert>('/api/rescue/experts', input);
export const updateExpert = (id: string, changes: ExpertUpdate) => api.patch<Expert>(`/api/rescue/experts/${id}`, changes);
export const deleteExpert = (id: string) => api.delete<{ ok: true }>(`/api/rescue/experts/${id}`);

export const fetchEquipment = (filter: Filter<EquipmentListQuery>, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Equipment>>(`/api/rescue/equipment${query({ ...(filter as Params), limit, offset })}`, { signal });
export const createEquipment = (input: EquipmentCreate) => api.post<Equipment>('/api/rescue/equipment', input);
export const updateEquipment = (id: string, changes: EquipmentUpdate) =>
  api.patch<Equipment>(`/api/rescue/equipment/${id}`, changes);
export const deleteEquipment = (id: string) => api.delete<{ ok: true }>(`/api/rescue/equipment/${id}`);
export const fetchMaintenanceDue = (days: number | null, signal?: AbortSignal) =>
  api.get<MaintenanceDueReport>(`/api/rescue/equipment/maintenance-due${query({ days })}`, { signal });
