import type { NearbyResult, NearbyWithinResult } from '@yingji/contracts/nearby.ts';
import { LOCATED_KIND_NAMES } from '@yingji/contracts/nearby.ts';
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { km } from './nearbyText.ts';

function RoadStatus({ item }: { item: NearbyResult['items'][number] }) {
  const road = item.road;
  if (!road) return null;
  if (road.status === 'ok') return <Tag color="blue">道路 {km(road.distanceKm!)} 公里</Tag>;
  return (
    <Tag color={road.status === 'unreachable' ? 'red' : 'orange'} title={road.message}>
      {road.status === 'unreachable' ? '道路不通' : '远离路网'}
    </Tag>
  );
}

export function NearbyResults({ result, onFocus }: { result: NearbyResult; onFocus(lon: number, lat: number): void }) {
  const name = LOCATED_KIND_NAMES[result.kind];
  return (
    <div data-testid="nearby-results">
      {!result.sourceAvailable && <Alert type="warning" showIcon title={`${name}登记尚未接入周边搜索`} />}
      {result.roads.demo && (
        <Alert
          type="info"
          showIcon
          data-testid="nearby-roads-demo"
          title={`道路距离基于${result.roads.label}（生成的示意道路，非真实路网）`}
          style={{ marginBottom: 8 }}
        />
      )}
      {!result.roads.available && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          尚未导入路网，按直线距离排序。
        </Typography.Text>
      )}
      {!result.sourceAvailable ? null : result.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`辖区内没有符合条件的${name}`} />
      ) : (
        <List
          size="small"
          dataSource={result.items}
          renderItem={(item, i) => (
            <List.Item
              style={{ cursor: 'pointer', padding: '4px 0' }}
              onClick={() => onFocus(item.lon, item.lat)}
              data-testid="nearby-result-item"
            >
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text strong>
                  {i + 1}. {item.name}
                </Typography.Text>
                <Space size={4} wrap>
                  <Tag>直线 {km(item.distanceKm)} 公里</Tag>
                  <RoadStatus item={item} />
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** Everything of the kind inside the current area (区域内资源), listed by name; a click flies to it. */
export function WithinResults({
  result,
  areaName,
  onFocus,
}: {
  result: NearbyWithinResult;
  areaName: string;
  onFocus(lon: number, lat: number): void;
}) {
  const name = LOCATED_KIND_NAMES[result.kind];
  if (!result.sourceAvailable) return <Alert type="warning" showIcon title={`${name}登记尚未接入区域搜索`} />;
  if (result.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${areaName}内没有符合条件的${name}`} />;
  return (
    <div data-testid="nearby-within-results">
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="nearby-within-total">
        {areaName}内共 {result.total} 个{name}
        {result.total > result.items.length ? `，显示前 ${result.items.length} 个` : ''}
      </Typography.Text>
      <List
        size="small"
        dataSource={result.items}
        renderItem={(item, i) => (
          <List.Item style={{ cursor: 'pointer', padding: '4px 0' }} onClick={() => onFocus(item.lon, item.lat)}>
            <Typography.Text>
              {i + 1}. {item.name}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}
