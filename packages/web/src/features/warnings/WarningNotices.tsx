import { NotificationFilled } from '@ant-design/icons';
import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { Warning } from '@yingji/contracts/warnings.ts';
import { App, Button } from 'antd';
import { useFreshLiveEvents } from '../../app/live.tsx';
import { can } from '../../app/permissions.ts';
import { navigate, usePath } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { LEVEL_COLORS, LEVEL_TINTS, warningTitle } from './labels.tsx';

/** What 'warning.published' carries (domains/warnings/warnings.events.ts). */
type Published = Pick<Warning, 'id' | 'hazard' | 'level' | 'headline'> & { villages: number };

function published(event: LiveEvent): Published | null {
  if (event.type !== 'warning.published') return null;
  const data = event.data as Partial<Published> | null;
  return data && typeof data.id === 'string' && data.level && data.hazard ? (data as Published) : null;
}

function endedId(event: LiveEvent): string | null {
  if (event.type !== 'warning.ended') return null;
  const id = (event.data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * The in-app live notice (the 'app' channel): when a warning covering the user's area is published, a banner in its
 * colour says so on whatever page they are; it closes by itself when the warning ends. Rendered once by the live feed.
 */
export default function WarningNotices() {
  const user = useUser();
  const path = usePath();
  const { notification } = App.useApp();
  const onPhonePage = path.startsWith('/m/');

  useFreshLiveEvents((fresh) => {
    if (!can(user, 'warnings:read')) return;
    for (const event of fresh) {
      const ended = endedId(event);
      if (ended) notification.destroy(`warning-${ended}`);
      const warning = published(event);
      if (!warning) continue;
      const key = `warning-${warning.id}`;
      notification.open({
        key,
        role: 'alert',
        placement: 'topRight',
        duration: false,
        icon: <NotificationFilled style={{ color: LEVEL_COLORS[warning.level] }} />,
        title: (
          <span data-testid="warning-notice-title" style={{ fontWeight: 600 }}>
            已发布 {warningTitle(warning.hazard, warning.level)}
          </span>
        ),
        description: (
          <div data-testid="warning-notice-body" data-level={warning.level} data-id={warning.id}>
            <div>{warning.headline}</div>
            <div style={{ color: '#888', fontSize: 12 }}>预警区域：{warning.villages} 个村（社区）</div>
          </div>
        ),
        actions: onPhonePage ? undefined : (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              notification.destroy(key);
              navigate(`/warnings/${warning.id}`);
            }}
            data-testid="warning-notice-open"
          >
            查看预警
          </Button>
        ),
        style: { background: LEVEL_TINTS[warning.level], borderInlineStart: `6px solid ${LEVEL_COLORS[warning.level]}` },
        props: { 'data-testid': 'warning-notice' },
      });
    }
  });

  return null;
}
