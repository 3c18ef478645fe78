import { AlertOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';

// The watcher (banner, tone, badge) is its own small chunk: the shell loads it after the first paint.
const AlarmWatcher = lazy(() => import('./AlarmWatcher.tsx'));

/**
 * The 监测预警 menu group's icon. The menu shows it whenever the user may read alarms, expanded or collapsed, so it
 * hosts the app-wide alarm watch; antd hands its icon class to it, which is passed on.
 */
export function MonitoringMenuIcon({ className }: { className?: string }) {
  return (
    <Suspense fallback={<AlertOutlined className={className} />}>
      <AlarmWatcher className={className} />
    </Suspense>
  );
}
