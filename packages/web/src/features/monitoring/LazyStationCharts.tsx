import type { Station } from '@yingji/contracts/monitoring.ts';
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

// ECharts is fetched the first time a chart is shown, not with the register or the map.
const StationCharts = lazy(() => import('./StationCharts.tsx'));

export function LazyStationCharts(props: { station: Station; height?: number }) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 24 }} />}>
      <StationCharts {...props} />
    </Suspense>
  );
}
