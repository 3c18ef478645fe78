import { Card, Checkbox, Divider, Space, Typography } from 'antd';
import type { MapLayerDefinition } from './layers.ts';

export const DEMO_LEGEND = '示意范围（演示数据，非权威边界）';

function Swatch({ color, kind, dashed }: { color: string; kind: 'line' | 'fill' | 'circle'; dashed?: boolean }) {
  const base = { display: 'inline-block', width: 18, verticalAlign: 'middle' } as const;
  if (kind === 'circle') return <span style={{ ...base, width: 10, height: 10, borderRadius: 5, background: color }} />;
  if (kind === 'fill') return <span style={{ ...base, height: 12, background: `${color}22`, border: `1.5px solid ${color}` }} />;
  return <span style={{ ...base, height: 0, borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }} />;
}

interface LayerPanelProps {
  layers: MapLayerDefinition[];
  visibility: Record<string, boolean>;
  onToggle(layerId: string, visible: boolean): void;
  hasDemo: boolean;
}

/** 图层 checkboxes for every registered layer, and the legend, floating over the map's top-right corner. */
export function LayerPanel({ layers, visibility, onToggle, hasDemo }: LayerPanelProps) {
  return (
    <Card
      size="small"
      title="图层"
      data-testid="layer-panel"
      style={{ position: 'absolute', top: 12, right: 12, width: 256, zIndex: 2, boxShadow: '0 2px 8px rgba(0,0,0,.15)' }}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {layers.map((def) => (
          <Checkbox
            key={def.id}
            checked={visibility[def.id] ?? def.visibleByDefault !== false}
            onChange={(event) => onToggle(def.id, event.target.checked)}
            data-testid={`layer-toggle-${def.id}`}
          >
            <Space size={6}>
              {def.swatch && <Swatch {...def.swatch} />}
              {def.title}
            </Space>
          </Checkbox>
        ))}
      </Space>
      {hasDemo && (
        <>
          <Divider style={{ margin: '8px 0' }} />
          <Space size={6} data-testid="legend-demo">
            <Swatch color="#555" kind="line" dashed />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {DEMO_LEGEND}
            </Typography.Text>
          </Space>
        </>
      )}
    </Card>
  );
}
