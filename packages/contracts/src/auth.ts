import { z } from 'zod';
import { zAreaCode, zMobile } from './common.ts';

/** Roles of the platform; the Chinese names are what users see. */
export const ROLES = {
  admin: '系统管理员',
  duty_officer: '县应急局值班员',
  county_leader: '县应急局领导',
  township_officer: '乡镇应急办',
  village_reporter: '村(社区)信息员',
  enterprise_safety: '企业安全员',
  readonly: '只读',
} as const;
export const zRole = z.enum(Object.keys(ROLES) as [keyof typeof ROLES, ...(keyof typeof ROLES)[]]);
export type Role = z.infer<typeof zRole>;

export const zUsername = z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、_ . -，以字母开头');
/** At least 10 characters with letters and digits: the 等保 2.0 expectation for government systems. */
export const zNewPassword = z
  .string()
  .min(10, '密码至少 10 位')
  .max(128)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/\d/, '密码须包含数字');

export const zLogin = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }).strict();
export type Login = z.infer<typeof zLogin>;

export const zPasswordChange = z.object({ currentPassword: z.string().min(1).max(128), newPassword: zNewPassword }).strict();
export type PasswordChange = z.infer<typeof zPasswordChange>;

export const zUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(zRole),
  /** '' for the installation's first administrator, whose scope is every area. */
  areaCode: z.string(),
  areaName: z.string(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof zUser>;

export const zSession = z.object({ user: zUser, csrfToken: z.string() });
export type Session = z.infer<typeof zSession>;

export const zUserCreate = z
  .object({
    username: zUsername,
    displayName: z.string().min(1).max(64),
    roles: z.array(zRole).min(1),
    areaCode: zAreaCode,
    phone: zMobile.nullable().default(null),
    password: zNewPassword,
  })
  .strict();
export type UserCreate = z.infer<typeof zUserCreate>;

export const zUserUpdate = z
  .object({
    displayName: z.string().min(1).max(64),
    roles: z.array(zRole).min(1),
    areaCode: zAreaCode,
    phone: zMobile.nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type UserUpdate = z.infer<typeof zUserUpdate>;

export const zUserQuery = z
  .object({
    q: z.string().max(64).optional(),
    areaCode: zAreaCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
