import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Contact, ContactCreate, ContactGroup, ContactUpdate, SpecialContacts } from '@yingji/contracts/warnings.ts';
import { api, query } from '../../../app/api.ts';

export const CONTACTS_PATH = '/api/warning-contacts';

export interface ContactFilter {
  areaCode?: string;
  group?: ContactGroup;
  special?: boolean;
  q?: string;
}

export const fetchContacts = (f: ContactFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<CappedPage<Contact>>(`${CONTACTS_PATH}${query({ ...f, limit, offset })}`, { signal });
export const createContact = (input: ContactCreate) => api.post<Contact>(CONTACTS_PATH, input);
export const updateContact = (id: string, input: ContactUpdate) => api.patch<Contact>(`${CONTACTS_PATH}/${id}`, input);
export const deleteContact = (id: string) => api.delete<{ ok: true }>(`${CONTACTS_PATH}/${id}`);
export const fetchSpecialContacts = (villageCode: string, signal?: AbortSignal) =>
  api.get<SpecialContacts>(`${CONTACTS_PATH}/special${query({ villageCode })}`, { signal });
