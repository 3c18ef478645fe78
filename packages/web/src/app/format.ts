import { ROLES, type Role } from '@yingji/contracts/auth.ts';

// Instants travel in UTC; people read them in China Standard Time whatever the browser's own zone is.
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return shanghai.format(date).replaceAll('/', '-');
}

export function formatPopulation(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
}

export function roleName(role: Role): string {
  return ROLES[role] ?? role;
}

export const ROLE_OPTIONS = (Object.keys(ROLES) as Role[]).map((role) => ({ value: role, label: ROLES[role] }));
