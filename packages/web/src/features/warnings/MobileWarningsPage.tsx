import { CheckCircleFilled, LogoutOutlined } from '@ant-design/icons';
import type { VillageCoverage, Warning } from '@yingji/contracts/warnings.ts';
import { Alert, Button, Empty, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { can } from '../../app/permissions.ts';
import { useSession, useUser } from '../../app/session.tsx';
import { ConfirmForm, confirmationText } from './ConfirmForm.tsx';
import { useCoverage } from './useCoverage.ts';
import { eventWarningId, LIFECYCLE_EVENTS } from './useWarning.ts';
import { WarningCard } from './WarningCard.tsx';
import { fetchWarnings } from './warningsApi.ts';

/** A village has a handful of current warnings at most; one page is all of them. */
const CURRENT_LIMIT = 50;

function VillageConfirmation({
  warning,
  village,
  canConfirm,
  onConfirmed,
}: {
  warning: Warning;
  village: VillageCoverage;
  canConfirm: boolean;
  onConfirmed(): void;
}) {
  const [editing, setEditing] = useState(!village.confirmedAt);
  const done = village.confirmedAt !== null;
  return (
    <div
      data-testid="village-panel"
      data-village={village.villageCode}
      data-confirmed={done}
      style={{ borderTop: '1px solid #eee', paddingTop: 10, display: 'grid', gap: 8 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', fontSize: 16 }}>
        <strong>{village.villageName}</strong>
        {village.overdue && <Tag color="red">已超时，请尽快落实</Tag>}
        {done && <CheckCircleFilled style={{ color: '#389e0d' }} />}
        <span style={{ color: done ? '#389e0d' : '#888' }} data-testid="village-status">
          {confirmationText(village)}
        </span>
      </div>
      {canConfirm && editing && (
        <ConfirmForm warningId={warning.id} village={village} onConfirmed={() => (setEditing(false), onConfirmed())} />
      )}
      {canConfirm && !editing && (
        <Button size="large" block onClick={() => setEditing(true)} data-testid="confirm-again">
          修改落实情况
        </Button>
      )}
    </div>
  );
}

/** One warning with the user's villages under it; follows the coverage pushes (another officer of the village). */
function WarningToConfirm({ warning, canConfirm }: { warning: Warning; canConfirm: boolean }) {
  const { coverage, error, refresh } = useCoverage(warning.id);
  const villages = coverage?.villages ?? [];
  return (
    <WarningCard warning={warning} areas={villages.map((v) => v.villageName).join('、')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!coverage && !error && <Spin />}
      {villages.map((v) => (
        <VillageConfirmation
          key={`${v.villageCode}-${v.confirmedAt ?? ''}`}
          warning={warning}
          village={v}
          canConfirm={canConfirm}
          onConfirmed={refresh}
        />
      ))}
    </WarningCard>
  );
}

/**
 * 村级预警落实 (phone): the warnings now in force for the officer's village, each with big buttons to confirm what
 * was done — 已传达, 已巡查, 已转移 with the number of people moved — and a note. Made for a 390 px wide screen.
 */
export function MobileWarningsPage() {
  const user = useUser();
  const { logout } = useSession();
  const { lastEvent } = useLiveEvents();
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = eventWarningId(lastEvent, LIFECYCLE_EVENTS) ? lastEvent!.at : '';
  const canConfirm = can(user, 'warnings:confirm');

  useEffect(() => {
    const controller = new AbortController();
    fetchWarnings({ state: 'published' }, CURRENT_LIMIT, 0, controller.signal)
      .then((page) => {
        setWarnings(page.items);
        setError(null);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [changed]);

  return (
    <div style={{ minHeight: '100vh', background: '#f0f3f7' }} data-testid="mobile-warnings">
      <header
        style={{ background: '#0b3a6f', color: '#fff', padding: '12px 14px', display: 'flex', alignItems: 'center', gap: 8 }}
      >
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontSize: 19, fontWeight: 700 }}>预警落实</div>
          <div
            style={{ fontSize: 13, opacity: 0.85, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            data-testid="current-user"
          >
            {user.displayName}
          </div>
        </div>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          style={{ color: '#fff' }}
          onClick={() => void logout()}
          data-testid="logout"
        >
          退出
        </Button>
      </header>
      <main style={{ padding: 12, display: 'grid', gap: 12, maxWidth: 640, margin: '0 auto' }}>
        {error && <Alert type="error" showIcon title={error} />}
        {!warnings && !error && <Spin style={{ margin: 48 }} />}
        {warnings?.length === 0 && (
          <Empty
            style={{ padding: 48, background: '#fff', borderRadius: 10 }}
            description="本村目前没有生效的预警"
            data-testid="mobile-empty"
          />
        )}
        {warnings?.map((w) => (
          <WarningToConfirm key={w.id} warning={w} canConfirm={canConfirm} />
        ))}
      </main>
    </div>
  );
}
