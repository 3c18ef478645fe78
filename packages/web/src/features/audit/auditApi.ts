import type { AuditEntry, AuditVerify } from '@yingji/contracts/audit.ts';
import { api, query } from '../../app/api.ts';

export interface AuditFilter {
  actor?: string;
  entity?: string;
  action?: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export function fetchAudit(filter: AuditFilter, limit: number, offset: number, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>(`/api/audit${query({ ...filter, limit, offset })}`, { signal });
}

export function verifyAuditChain(): Promise<AuditVerify> {
  return api.get<AuditVerify>('/api/audit/verify');
}
