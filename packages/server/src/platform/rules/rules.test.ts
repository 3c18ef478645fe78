import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { defineRule } from './rules.ts';

const SAMPLE = defineRule({
  key: 'test.m2_per_person',
  description: '测试规则：每人最小面积（平方米）',
  schema: z.number().positive(),
  default: 1.5,
});

describe.each(DIALECTS)('configurable rules on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
  });
  afterAll(() => env.close());

  it('gives the default until an administrator overrides it, versioned in the audit log', async () => {
    expect(await env.platform.rules.get(SAMPLE)).toBe(1.5);
    const listed = (await admin.get('/api/rules')).json().find((r: { key: string }) => r.key === SAMPLE.key);
    expect(listed).toMatchObject({ value: 1.5, default: 1.5, version: 0 });
    expect((await admin.request({ method: 'PUT', url: `/api/rules/${SAMPLE.key}`, body: { value: 2 } })).json()).toMatchObject({
      value: 2,
      version: 1,
      updatedBy: 'admin',
    });
    expect((await admin.request({ method: 'PUT', url: `/api/rules/${SAMPLE.key}`, body: { value: 2.5 } })).json().version).toBe(
      2,
    );
    expect(await env.platform.rules.get(SAMPLE)).toBe(2.5);
    const audit = (await admin.get(`/api/audit?entity=rule&entityId=${SAMPLE.key}`)).json();
    expect(audit.items.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual([
      [2, 2.5],
      [1.5, 2],
    ]);
  });

  it('refuses invalid values, unknown rules and non-administrators', async () => {
    expect((await admin.request({ method: 'PUT', url: `/api/rules/${SAMPLE.key}`, body: { value: -1 } })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await admin.request({ method: 'PUT', url: '/api/rules/no.such', body: { value: 1 } })).json().code).toBe(
      'RULE_UNKNOWN',
    );
    const duty = await env.login('zhiban');
    expect((await duty.request({ method: 'PUT', url: `/api/rules/${SAMPLE.key}`, body: { value: 3 } })).json().code).toBe(
      'FORBIDDEN',
    );
  });
});
