import { WARNING_LEVEL_NAMES, type PublicWarning } from '@yingji/contracts/warnings.ts';
import type { ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, LEVEL_TINTS, warningTitle } from './labels.tsx';

/** What a card shows: the public warning and the full one both have it. */
export type CardWarning = Pick<
  PublicWarning,
  'id' | 'hazard' | 'level' | 'headline' | 'description' | 'instruction' | 'publishedAt' | 'expires'
>;

/**
 * A warning as the public reads it, on a phone as on a wall screen: a band in the level's colour with 暴雨橙色预警, the
 * headline, what is expected, what to do, where and until when. `children` adds what the page needs below it.
 */
export function WarningCard({ warning, areas, children }: { warning: CardWarning; areas?: string; children?: ReactNode }) {
  const { level } = warning;
  return (
    <article
      data-testid="warning-card"
      data-level={level}
      data-id={warning.id}
      style={{ background: '#fff', borderRadius: 10, overflow: 'hidden', boxShadow: '0 1px 4px rgba(0,0,0,.12)' }}
    >
      <header style={{ background: LEVEL_COLORS[level], color: LEVEL_TEXT_COLORS[level], padding: '10px 14px' }}>
        <div style={{ fontSize: 20, fontWeight: 700 }}>{warningTitle(warning.hazard, level)}</div>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{WARNING_LEVEL_NAMES[level]}</div>
      </header>
      <div style={{ padding: '12px 14px', display: 'grid', gap: 8, fontSize: 15, lineHeight: 1.6 }}>
        <div style={{ fontWeight: 600, fontSize: 16 }}>{warning.headline}</div>
        <div>{warning.description}</div>
        <div style={{ background: LEVEL_TINTS[level], borderRadius: 6, padding: '8px 10px' }}>
          <strong>防御指引：</strong>
          {warning.instruction}
        </div>
        {areas && (
          <div>
            <strong>影响区域：</strong>
            {areas}
          </div>
        )}
        <div style={{ color: '#666', fontSize: 13 }}>
          发布 {formatInstant(warning.publishedAt).slice(0, 16)} · 有效至 {formatInstant(warning.expires).slice(0, 16)}
        </div>
        {children}
      </div>
    </article>
  );
}
