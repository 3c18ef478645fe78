import { PlusOutlined, UserOutlined } from '@ant-design/icons';
import type { Area } from '@yingji/contracts/areas.ts';
import { Alert, Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLiveEvents } from '../../app/live.tsx';
import { fetchChildren } from './areasApi.ts';
import { CreateGridDialog, GridOfficerDialog } from './GridDialogs.tsx';
import { PopulationCell } from './PopulationCell.tsx';
import { usePagedList } from '../../app/usePagedList.ts';

const PAGE_SIZE = 50;

interface AreaChildrenTableProps {
  parent: Area;
  canEdit: boolean;
  /** Opens a child in the tree (townships and villages; grids have no children). */
  onOpen(area: Area): void;
}

/** The children of the selected area, with 人口 editable in place and 新建网格 on villages. */
export function AreaChildrenTable({ parent, canEdit, onOpen }: AreaChildrenTableProps) {
  const [page, setPage] = useState(1);
  const [reloadCount, setReloadCount] = useState(0);
  const [gridParent, setGridParent] = useState<Area | null>(null);
  const [officerGrid, setOfficerGrid] = useState<Area | null>(null);
  const { lastEvent } = useLiveEvents();

  useEffect(() => setPage(1), [parent.code]);

  const { rows, total, loading, error, setRows } = usePagedList(
    (limit, offset, signal) => fetchChildren(parent.code, limit, offset, signal),
    page,
    PAGE_SIZE,
    [parent.code, reloadCount],
  );

  // Someone else changed an area below this one: show it without a manual refresh.
  useEffect(() => {
    if (lastEvent?.type.startsWith('area.') && lastEvent.areaCode?.startsWith(parent.code)) setReloadCount((n) => n + 1);
  }, [lastEvent, parent.code]);

  const replaceRow = useCallback(
    (area: Area) => setRows((current) => current.map((row) => (row.code === area.code ? area : row))),
    [],
  );
  const reload = useCallback(() => setReloadCount((n) => n + 1), []);

  const columns: TableColumnsType<Area> = [
    { title: '代码', dataIndex: 'code', width: 150 },
    {
      title: '名称',
      dataIndex: 'name',
      width: 220,
      render: (name: string, area) =>
        area.level === 'township' || area.level === 'village' ? (
          <Typography.Link onClick={() => onOpen(area)}>{name}</Typography.Link>
        ) : (
          name
        ),
    },
    { title: '层级', dataIndex: 'levelName', width: 90 },
    {
      title: '人口',
      dataIndex: 'population',
      width: 190,
      render: (_value, area) => (
        <PopulationCell key={`${area.code}:${area.population}`} area={area} editable={canEdit} onSaved={replaceRow} />
      ),
    },
    {
      title: '网格员',
      render: (_value, area) => {
        if (area.level !== 'grid') return '—';
        const text = area.gridOfficerName
          ? `${area.gridOfficerName}${area.gridOfficerPhone ? ` ${area.gridOfficerPhone}` : ''}`
          : '未指定';
        return (
          <Space size={4}>
            <span>{text}</span>
            {canEdit && (
              <Button
                type="text"
                size="small"
                icon={<UserOutlined />}
                aria-label="编辑网格员"
                onClick={() => setOfficerGrid(area)}
              />
            )}
          </Space>
        );
      },
    },
  ];
  if (canEdit) {
    columns.push({
      title: '操作',
      width: 120,
      render: (_value, area) =>
        area.level === 'village' && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setGridParent(area)}
            data-testid={`create-grid-${area.code}`}
          >
            新建网格
          </Button>
        ),
    });
  }

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Area>
        rowKey="code"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="area-children"
        locale={{ emptyText: `${parent.name}下暂无下级区划` }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 个`,
          onChange: setPage,
        }}
      />
      <CreateGridDialog village={gridParent} onClose={() => setGridParent(null)} onCreated={reload} />
      <GridOfficerDialog grid={officerGrid} onClose={() => setOfficerGrid(null)} onSaved={replaceRow} />
    </>
  );
}
