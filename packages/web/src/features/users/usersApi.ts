import type { User, UserCreate, UserUpdate } from '@yingji/contracts/auth.ts';
import { api, query } from '../../app/api.ts';

export interface UserPage {
  items: User[];
  total: number;
}

export function fetchUsers(q: string, limit: number, offset: number, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>(`/api/users${query({ q, limit, offset })}`, { signal });
}

export function createUser(input: UserCreate): Promise<User> {
  return api.post<User>('/api/users', input);
}

export function updateUser(id: string, changes: UserUpdate): Promise<User> {
  return api.patch<User>(`/api/users/${encodeURIComponent(id)}`, changes);
}
