import { Result } from 'antd';
import { usePath } from '../../app/router.ts';
import { WarningComposer } from './WarningComposer.tsx';
import { WarningDetail } from './WarningDetail.tsx';
import { WarningList } from './WarningList.tsx';

const BASE = '/warnings';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WITH_ID = new RegExp(`^${BASE}/(${UUID})(?:/(edit|update|board))?$`, 'i');

/**
 * 预警发布 under one menu entry, each view at its own path so links and the back button work:
 * /warnings (list), /warnings/inbox (审批待办), /warnings/new, /warnings/<id> (detail), /warnings/<id>/board
 * (发送与落实), /warnings/<id>/edit (draft), /warnings/<id>/update (更新 of a published warning).
 */
export function WarningsPage() {
  const path = usePath().replace(/\/$/, '');
  if (path === BASE) return <WarningList tab="all" />;
  if (path === `${BASE}/inbox`) return <WarningList tab="inbox" />;
  if (path === `${BASE}/new`) return <WarningComposer key="new" mode="new" id={null} />;
  const match = WITH_ID.exec(path);
  if (!match) return <Result status="404" title="页面不存在" />;
  const [, id, view] = match as unknown as [string, string, 'edit' | 'update' | 'board' | undefined];
  if (view === 'edit' || view === 'update') return <WarningComposer key={`${view}-${id}`} mode={view} id={id} />;
  return <WarningDetail id={id} tab={view === 'board' ? 'board' : 'detail'} />;
}
