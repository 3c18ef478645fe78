import type { Area, AreaNode } from '@yingji/contracts/areas.ts';
import { Alert, Card, Col, Descriptions, Empty, Row, Spin, Tree } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLazyAreaTree, type AreaTreeNode } from '../../app/areaTree.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { formatPopulation } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { AreaChildrenTable } from './AreaChildrenTable.tsx';
import { fetchAreaSubtree } from './areasApi.ts';

/** 行政区划: the tree of the current area on the left, the selected area's children on the right. */
export function AreasPage() {
  const user = useUser();
  const { area } = useCurrentArea();
  const [root, setRoot] = useState<AreaNode | null>(null);
  const [selected, setSelected] = useState<Area | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const roots = useMemo(() => (root ? [root] : []), [root]);
  const { treeData, loadData, ensureLoaded } = useLazyAreaTree(roots);
  const canEdit = can(user, 'areas:edit');

  useEffect(() => {
    if (!area) return;
    const controller = new AbortController();
    fetchAreaSubtree(area.code, controller.signal)
      .then((node) => {
        setRoot(node);
        setSelected(node);
        setExpanded([node.code]);
        setError(null);
      })
      .catch((err: unknown) => !controller.signal.aborted && setError(errorMessage(err)));
    return () => controller.abort();
  }, [area]);

  /** Drill down from the table: open the branch down to the child (and the child itself), then select it. */
  const open = async (child: Area) => {
    const branch = [child.parentCode, child.level === 'village' ? null : child.code].filter((code): code is string => !!code);
    for (const code of branch) await ensureLoaded(code);
    setExpanded((keys) => [...new Set([...keys, ...branch])]);
    setSelected(child);
  };

  if (!area) return <Empty style={{ marginTop: 96 }} description="尚无行政区划数据" />;
  if (error) return <Alert type="error" showIcon title={error} style={{ margin: 16 }} />;
  if (!root || !selected) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Row gutter={16} style={{ padding: 16 }}>
      <Col xs={24} lg={7} xl={6}>
        <Card size="small" title="区划树" styles={{ body: { maxHeight: 'calc(100vh - 160px)', overflow: 'auto' } }}>
          <Tree<AreaTreeNode>
            // A new current area starts a fresh tree; the open branches are exactly those this page sets.
            key={root.code}
            autoExpandParent={false}
            treeData={treeData}
            loadData={loadData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={[selected.code]}
            onSelect={(_keys, info) => setSelected(info.node.area)}
            data-testid="area-tree"
          />
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card size="small" title={`${selected.name}的下级区划`}>
          <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="代码">{selected.code}</Descriptions.Item>
            <Descriptions.Item label="层级">{selected.levelName}</Descriptions.Item>
            <Descriptions.Item label="人口">{formatPopulation(selected.population)}</Descriptions.Item>
            <Descriptions.Item label="下级数">{selected.childCount}</Descriptions.Item>
          </Descriptions>
          <AreaChildrenTable parent={selected} canEdit={canEdit} onOpen={(child) => void open(child)} />
        </Card>
      </Col>
    </Row>
  );
}
