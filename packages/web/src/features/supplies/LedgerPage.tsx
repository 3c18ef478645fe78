import { WAREHOUSE_LEVEL_NAMES } from '@yingji/contracts/supplies.ts';
import { Card, Empty, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { LedgerActions } from './LedgerActions.tsx';
import { MovementsCard } from './MovementsCard.tsx';
import { StocktakesCard } from './StocktakesCard.tsx';
import { useSupplyOptions } from './useSupplyOptions.ts';
import { WarehouseStockCard } from './WarehouseStockCard.tsx';

/** 库存台账: a warehouse's stock by kind and batch, and the movements that explain it. */
export function LedgerPage() {
  const user = useUser();
  const canEdit = can(user, 'supplies:edit');
  const [version, setVersion] = useState(0);
  const { kinds, warehouses } = useSupplyOptions();
  const [warehouseId, setWarehouseId] = useState<string>();
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
          <ExcelButtons
            basePath="/api/supplies/stock"
            testId="supplies-stock"
            canImport={canEdit}
            onImported={() => setVersion((v) => v + 1)}
          />
        </Space>
      </Card>
      {warehouseId ? (
        <WarehouseStockCard
          warehouseId={warehouseId}
          version={version}
          extra={canEdit && <LedgerActions warehouse={warehouse} kinds={kinds} onPosted={() => setVersion((v) => v + 1)} />}
        />
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Empty description="辖区内还没有仓库" />
        </Card>
      )}
      <MovementsCard warehouseId={warehouseId} kinds={kinds} version={version} />
      {warehouseId && <StocktakesCard warehouseId={warehouseId} version={version} />}
    </div>
  );
}
