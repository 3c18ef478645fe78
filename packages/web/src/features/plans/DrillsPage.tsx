import { PlusOutlined } from '@ant-design/icons';
import type { Drill, DrillState, DrillType } from '@yingji/contracts/plans-drills.ts';
import { DRILL_STATE_NAMES, DRILL_TYPE_NAMES } from '@yingji/contracts/plans-drills.ts';
import { Alert, Button, Calendar, Card, Flex, Grid, Select, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { navigate } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { DrillDrawer } from './DrillDrawer.tsx';
import { DrillFormDialog } from './DrillFormDialog.tsx';
import { DrillRecordDialog, type DrillDialog } from './DrillRecordDialogs.tsx';
import { DRILL_STATE_COLORS, DRILL_TYPE_OPTIONS } from './labels.ts';
import { OVERVIEWS_PATH } from './planRoutes.ts';
import { fetchDrills } from './plansApi.ts';
import { DrillStateTag } from './tags.tsx';
import { useDrillOverview } from './useOverviews.ts';

type Mode = 'month' | 'year';

/** The dates the calendar shows: a month's six weeks (with the days around it), or a whole year. */
function windowOf(value: Dayjs, mode: Mode) {
  if (mode === 'year') return { from: value.startOf('year'), to: value.endOf('year') };
  return { from: value.startOf('month').subtract(7, 'day'), to: value.endOf('month').add(14, 'day') };
}

const DRILL_STATE_OPTIONS = (Object.keys(DRILL_STATE_NAMES) as DrillState[]).map((s) => ({
  value: s,
  label: DRILL_STATE_NAMES[s],
}));

/** 应急演练: a calendar of planned and executed drills, the month's list, and a drill's record and evaluation. */
export function DrillsPage() {
  const user = useUser();
  const canEdit = can(user, 'plans:edit');
  const screens = Grid.useBreakpoint();
  const { area } = useCurrentArea();
  const [value, setValue] = useState<Dayjs>(() => dayjs());
  const [mode, setMode] = useState<Mode>('month');
  const [type, setType] = useState<DrillType>();
  const [state, setState] = useState<DrillState>();
  const [drills, setDrills] = useState<Drill[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<Drill | null>(null);
  const [dialog, setDialog] = useState<DrillDialog>(null);
  const overview = useDrillOverview(area?.code, reload);
  const { from, to } = windowOf(value, mode);
  const fromText = from.format('YYYY-MM-DD');
  const toText = to.format('YYYY-MM-DD');

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchDrills({ areaCode: area?.code, type, state, from: fromText, to: toText }, 500, 0, controller.signal)
      .then((page) => (setDrills(page.items), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [area?.code, type, state, fromText, toText, reload]);

  const changed = (drill: Drill) => {
    setOpen(drill);
    setReload((n) => n + 1);
  };
  // A dialog would open under the drawer: close the drawer, and come back to it afterwards (saved or not).
  const record = (next: NonNullable<DrillDialog>) => {
    setOpen(null);
    setDialog(next);
  };
  const overdue = overview.data?.departments.reduce((sum, d) => sum + d.overdue, 0) ?? 0;
  const shown = mode === 'month' ? drills.filter((d) => dayjs(d.plannedOn).isSame(value, 'month')) : drills;

  const cell = (date: Dayjs, info: { type: string }) => {
    if (info.type === 'month') {
      const count = drills.filter((d) => dayjs(d.plannedOn).isSame(date, 'month')).length;
      return count ? <Tag color="blue">{count} 次演练</Tag> : null;
    }
    if (info.type !== 'date') return null;
    const day = date.format('YYYY-MM-DD');
    return drills
      .filter((d) => d.plannedOn === day)
      .map((d) => (
        <Tag
          key={d.id}
          color={DRILL_STATE_COLORS[d.state]}
          style={{ display: 'block', marginBottom: 2, overflow: 'hidden', textOverflow: 'ellipsis', cursor: 'pointer' }}
          onClick={(e) => (e.stopPropagation(), setOpen(d))}
          data-testid="calendar-drill"
        >
          {screens.md ? `${DRILL_TYPE_NAMES[d.type].slice(0, 2)} ${d.title}` : '●'}
        </Tag>
      ));
  };

  const columns: TableColumnsType<Drill> = [
    { title: '计划日期', dataIndex: 'plannedOn', width: 110 },
    {
      title: '演练',
      dataIndex: 'title',
      render: (t: string, d) => (
        <a onClick={() => setOpen(d)} data-testid="drill-row">
          {t}
        </a>
      ),
    },
    { title: '形式', dataIndex: 'type', width: 100, responsive: ['sm'], render: (t: DrillType) => DRILL_TYPE_NAMES[t] },
    { title: '预案', dataIndex: 'planName', responsive: ['lg'] },
    { title: '组织单位', dataIndex: 'organiser', width: 140, responsive: ['xl'] },
    { title: '状态', dataIndex: 'state', width: 90, render: (s: DrillState) => <DrillStateTag state={s} /> },
  ];

  return (
    <div style={{ padding: 16 }}>
      {overdue > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${overdue} 部预案演练已超期（未按规定频次演练）`}
          action={<Button onClick={() => navigate(`${OVERVIEWS_PATH}?tab=drills`)}>查看演练频次</Button>}
          data-testid="drills-overdue"
        />
      )}
      <Card
        size="small"
        title={`应急演练${area ? ` — ${area.name}` : ''}`}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-drill">
              新建演练
            </Button>
          )
        }
      >
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          <Select
            allowClear
            placeholder="演练形式"
            style={{ width: 120 }}
            options={DRILL_TYPE_OPTIONS}
            value={type}
            onChange={setType}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 110 }}
            options={DRILL_STATE_OPTIONS}
            value={state}
            onChange={setState}
          />
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <div data-testid="drill-calendar">
          <Calendar
            value={value}
            mode={mode}
            fullscreen={Boolean(screens.md)}
            onPanelChange={(date, m) => (setValue(date), setMode(m as Mode))}
            onSelect={(date) => setValue(date)}
            cellRender={cell}
          />
        </div>
      </Card>
      <Card
        size="small"
        title={mode === 'month' ? `${value.format('YYYY 年 M 月')}的演练` : `${value.year()} 年的演练`}
        style={{ marginTop: 16 }}
      >
        <Table<Drill>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={shown}
          pagination={false}
          locale={{ emptyText: '本期没有演练' }}
          data-testid="drills-table"
        />
      </Card>
      <DrillDrawer
        drill={open}
        canEdit={canEdit}
        onClose={() => setOpen(null)}
        onExecute={(drill) => record({ kind: 'execution', drill })}
        onEvaluate={(drill) => record({ kind: 'evaluation', drill })}
        onChanged={changed}
      />
      <DrillRecordDialog
        dialog={dialog}
        onClose={() => (setOpen(dialog?.drill ?? null), setDialog(null))}
        onSaved={(drill) => (setDialog(null), changed(drill))}
      />
      <DrillFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(drill) => {
          setValue(dayjs(drill.plannedOn));
          setMode('month');
          changed(drill);
        }}
      />
    </div>
  );
}
