import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { WAREHOUSE_LEVEL_NAMES } from '@yingji/contracts/supplies.ts';
import { Button, Card, Empty, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { ExcelButtons } from './ExcelButtons.tsx';
import { MovementsCard } from './MovementsCard.tsx';
import { StockDialogs, type StockDialog } from './StockDialogs.tsx';
import { useSupplyOptions } from './useSupplyOptions.ts';
import { WarehouseStockCard } from './WarehouseStockCard.tsx';

/** 库存台账: a warehouse's stock by kind and batch, and the movements that explain it. */
export function LedgerPage() {
  const user = useUser();
  const canEdit = can(user, 'supplies:edit');
  const [version, setVersion] = useState(0);
  const { kinds, warehouses } = useSupplyOptions();
  const [warehouseId, setWarehouseId] = useState<string>();
  const [dialog, setDialog] = useState<StockDialog>(null);
  const warehouse = warehouses.find((w) => w.id === warehouseId) ?? null;

  useEffect(() => {
    if (!warehouseId && warehouses[0]) setWarehouseId(warehouses[0].id);
  }, [warehouses]);

  return (
    <div style={{ padding: 16 }}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>仓库：</span>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 360 }}
            value={warehouseId}
            onChange={setWarehouseId}
            data-testid="ledger-warehouse"
            options={warehouses.map((w) => ({ value: w.id, label: `${w.name}（${WAREHOUSE_LEVEL_NAMES[w.level]}）` }))}
          />
          <ExcelButtons register="stock" canImport={canEdit} onImported={() => setVersion((v) => v + 1)} />
        </Space>
      </Card>
      {warehouseId ? (
        <WarehouseStockCard
          warehouseId={warehouseId}
          version={version}
          extra={
            canEdit && (
              <Space>
                <Button icon={<ImportOutlined />} onClick={() => setDialog('receive')} data-testid="open-receipt">
                  验收入库
                </Button>
                <Button icon={<ExportOutlined />} onClick={() => setDialog('issue')} data-testid="open-issue">
                  出库
                </Button>
              </Space>
            )
          }
        />
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Empty description="辖区内还没有仓库" />
        </Card>
      )}
      <MovementsCard warehouseId={warehouseId} kinds={kinds} version={version} />
      <StockDialogs
        open={dialog}
        warehouse={warehouse}
        kinds={kinds}
        onClose={() => setDialog(null)}
        onPosted={() => (setDialog(null), setVersion((v) => v + 1))}
      />
    </div>
  );
}
