import { WARNING_LEVELS, type PublicWarning } from '@yingji/contracts/warnings.ts';
import { Alert, Empty, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { registeredLayers } from '../../map/layers.ts';
import './mapLayers.ts';
import { useEmbeddedMap } from './useEmbeddedMap.ts';
import { WarningCard } from './WarningCard.tsx';
import { WARNING_AREAS_LAYER, warningAreas } from './warningLayer.ts';
import { PUBLIC_FEED_URL, fetchPublicWarnings } from './warningsApi.ts';

/** Highest level first (红 before 橙 …), newest first within a level (the server's order). */
const byLevel = (list: PublicWarning[]) =>
  [...list].sort((a, b) => WARNING_LEVELS.indexOf(b.level) - WARNING_LEVELS.indexOf(a.level));

/** Nobody pushes to an anonymous visitor: the page reads the list again every minute. */
const REFRESH_MS = 60_000;

function AreasMap({ warnings }: { warnings: PublicWarning[] }) {
  // The 一张图 layer itself (so its popup works): it reads the public list once, then follows the page's refreshes.
  const defs = useMemo(() => registeredLayers().filter((d) => d.id === WARNING_AREAS_LAYER), []);
  const { ref, engine } = useEmbeddedMap(defs, '');
  useEffect(() => {
    if (!engine) return;
    engine.setData(WARNING_AREAS_LAYER, warningAreas(warnings));
    engine.fitToArea('');
  }, [engine, warnings]);
  return (
    <div
      ref={ref}
      data-testid="public-map"
      style={{ height: 'min(45vh, 360px)', borderRadius: 10, overflow: 'hidden', position: 'relative' }}
    />
  );
}

/**
 * 公众预警: the county's current warnings for anyone, without logging in — coloured cards, highest level first, and
 * a small map of their areas. Laid out for a phone first; on a wide screen the map stands beside the cards.
 */
export function PublicWarningsPage() {
  const [warnings, setWarnings] = useState<PublicWarning[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetchPublicWarnings(controller.signal)
        .then((list) => {
          setWarnings(byLevel(list));
          setError(null);
          setCheckedAt(new Date().toISOString());
        })
        .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, []);

  const hasAreas = (warnings ?? []).some((w) => w.geometry);
  return (
    <div style={{ minHeight: '100vh', background: '#f0f3f7' }} data-testid="public-warnings">
      <header style={{ background: '#0b3a6f', color: '#fff', padding: '14px 16px' }}>
        <div style={{ fontSize: 20, fontWeight: 700 }}>预警信息发布</div>
        <div style={{ fontSize: 13, opacity: 0.85 }}>
          当前生效的突发事件预警 · {checkedAt ? `更新于 ${formatInstant(checkedAt).slice(11, 16)}` : '正在获取…'}
        </div>
      </header>
      <main
        style={{
          maxWidth: 1200,
          margin: '0 auto',
          padding: 12,
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          alignItems: 'flex-start',
        }}
      >
        {error && <Alert type="error" showIcon title={`暂时无法获取预警信息：${error}`} style={{ flexBasis: '100%' }} />}
        {!warnings && !error && <Spin style={{ margin: 48, flexBasis: '100%' }} />}
        {warnings && warnings.length === 0 && (
          <Empty
            style={{ flexBasis: '100%', padding: 48, background: '#fff', borderRadius: 10 }}
            description="当前没有生效的预警"
            data-testid="public-empty"
          />
        )}
        {warnings && warnings.length > 0 && (
          <>
            <section style={{ flex: '1 1 340px', display: 'grid', gap: 12 }}>
              {warnings.map((w) => (
                <WarningCard key={w.id} warning={w} areas={w.areaNames.join('、')} />
              ))}
            </section>
            {hasAreas && (
              <section style={{ flex: '1 1 340px', position: 'sticky', top: 12 }}>
                <AreasMap warnings={warnings} />
              </section>
            )}
          </>
        )}
        <footer style={{ flexBasis: '100%', color: '#888', fontSize: 12, textAlign: 'center', padding: 8 }}>
          其他系统可订阅 <a href={PUBLIC_FEED_URL}>CAP 预警源（Atom）</a>
        </footer>
      </main>
    </div>
  );
}
