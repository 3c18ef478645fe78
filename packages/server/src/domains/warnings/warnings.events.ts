import type { Hazard, WarningLevel, WarningState } from '@yingji/contracts/warnings.ts';

/** This domain's events, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /** Any lifecycle step: lists and the approval inbox refresh. */
    'warning.changed': { id: string; state: WarningState; action: string };
    /** 签发即发布: the in-app live notice every browser in the targeted area shows (the 'app' channel). */
    'warning.published': { id: string; hazard: Hazard; level: WarningLevel; headline: string; villages: number };
    /** 解除 or 过期. */
    'warning.ended': { id: string; state: 'cancelled' | 'expired' | 'superseded'; headline: string };
    /** Deliveries or 落实 confirmations changed: the live delivery board refreshes (throttled per warning). */
    'warning.progress': { id: string };
  }
}

export {};
