import { CONTACT_GROUP_NAMES, SPECIAL_NEED_NAMES, type ContactGroup } from '@yingji/contracts/warnings.ts';

const options = <K extends string>(names: Record<K, string>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));

export const CONTACT_GROUP_OPTIONS = options(CONTACT_GROUP_NAMES);
export const SPECIAL_NEED_OPTIONS = options(SPECIAL_NEED_NAMES);

export const CONTACT_GROUP_COLORS: Record<ContactGroup, string> = {
  residents: 'default',
  village_heads: 'blue',
  info_officers: 'geekblue',
  enterprise_officers: 'purple',
};
