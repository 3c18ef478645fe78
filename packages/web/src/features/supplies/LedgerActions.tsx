import { AuditOutlined, DeleteOutlined, ExportOutlined, ImportOutlined, SwapOutlined } from '@ant-design/icons';
import type { SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { RotationDialog } from './RotationDialog.tsx';
import { ScrapDialog } from './ScrapDialog.tsx';
import { StockDialogs } from './StockDialogs.tsx';
import { StocktakeDialog } from './StocktakeDialog.tsx';

type Action = 'receive' | 'issue' | 'scrap' | 'rotate' | 'stocktake' | null;

/** The stock documents a keeper posts for one warehouse: buttons for the stock card, and their dialogs. */
export function LedgerActions({
  warehouse,
  kinds,
  onPosted,
}: {
  warehouse: Warehouse | null;
  kinds: SupplyKind[];
  onPosted(): void;
}) {
  const [open, setOpen] = useState<Action>(null);
  const close = () => setOpen(null);
  const posted = () => (setOpen(null), onPosted());

  return (
    <Space wrap>
      <Button icon={<ImportOutlined />} onClick={() => setOpen('receive')} data-testid="open-receipt">
        验收入库
      </Button>
      <Button icon={<ExportOutlined />} onClick={() => setOpen('issue')} data-testid="open-issue">
        出库
      </Button>
      <Button icon={<SwapOutlined />} onClick={() => setOpen('rotate')} data-testid="open-rotation">
        轮换
      </Button>
      <Button icon={<DeleteOutlined />} onClick={() => setOpen('scrap')} data-testid="open-scrap">
        报废
      </Button>
      <Button icon={<AuditOutlined />} onClick={() => setOpen('stocktake')} data-testid="open-stocktake">
        盘点
      </Button>
      <StockDialogs
        open={open === 'receive' || open === 'issue' ? open : null}
        warehouse={warehouse}
        kinds={kinds}
        onClose={close}
        onPosted={posted}
      />
      <ScrapDialog open={open === 'scrap'} warehouse={warehouse} onClose={close} onPosted={posted} />
      <RotationDialog open={open === 'rotate'} warehouse={warehouse} onClose={close} onPosted={posted} />
      {/* The stocktake stays open on its result; the ledger behind it is refreshed at once. */}
      <StocktakeDialog open={open === 'stocktake'} warehouse={warehouse} kinds={kinds} onClose={close} onPosted={onPosted} />
    </Space>
  );
}
