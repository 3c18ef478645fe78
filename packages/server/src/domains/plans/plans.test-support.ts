import type { DigitalPlan, LevelContent } from '@yingji/contracts/plans-digital.ts';
import type { ApiClient, TestEnv } from '../../../test/env.ts';

export const COUNTY = '441825';
export const YONGHE = '441825100';
export const JITIAN = '441825104';

const deaths = (min: number, max: number | null) => ({
  metric: 'deaths' as const,
  min: { value: min, inclusive: true },
  max: max === null ? null : { value: max, inclusive: false },
});

/** A level with these triggers and nothing else (no tasks, resources or warnings). */
export const levelWith = (name: LevelContent['level'], triggers: LevelContent['triggers']): LevelContent => ({
  level: name,
  commander: null,
  triggers,
  tasks: [],
  resources: [],
  warnings: [],
});

const level = (name: LevelContent['level'], min: number, max: number | null, minutes: number): LevelContent => ({
  ...levelWith(name, [{ hazards: [], warningLevel: null, thresholds: [deaths(min, max)], description: `死亡 ${min} 人以上` }]),
  commander: `${name} 级指挥长`,
  tasks: [
    { department: '县应急管理局', group: 'coordination', action: `启动${name}级响应`, withinMinutes: minutes },
    { department: '县水利局', group: 'rescue', action: '水库巡查', withinMinutes: minutes * 2 },
  ],
  resources: [{ resource: '冲锋舟', quantity: 2, unit: '艘', location: '永和镇', department: '县应急管理局' }],
});

/** A valid digital plan: four levels on deaths (1–2, 3–9, 10–29, 30+), two working groups, tasks at each level. */
export const GRADED: DigitalPlan = {
  command: {
    headquarters: { name: '测试指挥部', commander: '县长', deputyCommanders: [], office: '县应急管理局', memberDepartments: [] },
    groups: [
      { code: 'coordination', name: '综合协调组', leadDepartment: '县应急管理局', departments: [], duties: '' },
      { code: 'rescue', name: '抢险救援组', leadDepartment: '县应急管理局', departments: ['县水利局'], duties: '' },
    ],
  },
  levels: [level('IV', 1, 3, 60), level('III', 3, 10, 30), level('II', 10, 30, 20), level('I', 30, null, 10)],
};

/** GRADED with Ⅲ级 reaching down to 2 deaths, into Ⅳ级's range. */
export const OVERLAPPING: DigitalPlan = {
  ...GRADED,
  levels: GRADED.levels.map((l) =>
    l.level === 'III' ? { ...l, triggers: [{ ...l.triggers[0]!, thresholds: [deaths(2, 10)] }] } : l,
  ),
};

export function planBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '测试县洪涝灾害应急预案',
    category: 'special',
    eventClass: 'natural_disaster',
    ownerDepartment: '县应急管理局',
    areaCode: COUNTY,
    hazardTypes: ['flood'],
    ...overrides,
  };
}

export async function createPlan(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/plans', planBody(overrides));
  if (res.statusCode !== 201) throw new Error(`create plan: ${res.body}`);
  return res.json() as { id: string; lineageId: string; state: string; version: number };
}

export function put(client: ApiClient, url: string, body: unknown) {
  return client.request({ method: 'PUT', url, body });
}

/** The lifecycle up to 已发布: one reviewer who agrees, the leader's approval, publication on `publishedOn`. */
export async function publishPlan(env: TestEnv, id: string, publishedOn = '2026-06-20'): Promise<void> {
  const zhiban = await env.login('zhiban');
  const lingdao = await env.login('lingdao');
  const steps: [ApiClient, string, unknown][] = [
    [zhiban, 'submit-review', { reviewers: [{ name: '评审专家甲' }] }],
    [zhiban, 'review-opinions', { reviewer: '评审专家甲', opinion: 'agree' }],
    [zhiban, 'submit-approval', {}],
    [lingdao, 'approve', {}],
    [zhiban, 'publish', { publishedOn }],
  ];
  for (const [client, step, body] of steps) {
    const res = await client.post(`/api/plans/${id}/${step}`, body);
    if (res.statusCode !== 200) throw new Error(`${step}: ${res.body}`);
  }
}

export async function auditOf(client: ApiClient, entity: string, id: string) {
  return (await client.get(`/api/audit?entity=${entity}&entityId=${id}&limit=100`)).json().items as {
    action: string;
    actorName: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
}
