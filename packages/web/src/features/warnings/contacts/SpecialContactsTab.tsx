import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import type { Contact, SpecialContacts } from '@yingji/contracts/warnings.ts';
import { SPECIAL_NEED_NAMES, transferPlanComplete } from '@yingji/contracts/warnings.ts';
import { Alert, Button, Card, Descriptions, Empty, Grid, List, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../app/api.ts';
import { AreaTreeSelect } from '../../../app/AreaTreeSelect.tsx';
import { useCurrentArea } from '../../../app/currentArea.tsx';
import { fetchSpecialContacts } from './contactsApi.ts';

const missing = <Tag color="red">未落实</Tag>;

/** A number to call from the phone the officer holds, never broken across lines. */
const Tel = ({ phone }: { phone: string }) => (
  <a href={`tel:${phone}`} style={{ whiteSpace: 'nowrap', marginInlineEnd: 8 }}>
    <PhoneOutlined /> {phone}
  </a>
);

/**
 * 特殊群体名单 of one village for its officer: each person with their 临灾转移“四个一” (who moves them, by which
 * route, to which 安置点), as cards that read well on a phone; the incomplete ones are flagged.
 */
export function SpecialContactsTab({ reload, onEdit }: { reload: number; onEdit?(contact: Contact): void }) {
  const { area } = useCurrentArea();
  // A village officer's own village; a township officer picks one.
  const [village, setVillage] = useState<string | undefined>(area && area.code.length >= 12 ? area.code : undefined);
  const [data, setData] = useState<SpecialContacts | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Labels above values on a phone, beside them from a tablet up.
  const narrow = !(Grid.useBreakpoint().sm ?? true);

  useEffect(() => {
    if (area && area.code.length >= 12) setVillage(area.code);
  }, [area]);

  useEffect(() => {
    if (!village) return;
    const controller = new AbortController();
    setError(null);
    fetchSpecialContacts(village, controller.signal)
      .then(setData)
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [village, reload]);

  const shown = village && data?.villageCode === village ? data : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="special-contacts">
      <Space wrap>
        <AreaTreeSelect
          value={village}
          onChange={(code) => setVillage(code)}
          style={{ width: 240, maxWidth: '100%' }}
          placeholder="选择村（社区）"
          aria-label="特殊群体所在村"
        />
        {shown && (
          <span>
            {shown.villageName}：特殊群体 {shown.items.length} 人
            {shown.incomplete > 0 ? (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {shown.incomplete} 人“四个一”未落实
              </Tag>
            ) : (
              shown.items.length > 0 && (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  “四个一”全部落实
                </Tag>
              )
            )}
          </span>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!village && <Empty description="请选择一个村（社区）查看其特殊群体名单" />}
      {shown && (
        <List
          grid={{ gutter: 12, xs: 1, sm: 1, md: 2, xl: 3 }}
          dataSource={shown.items}
          locale={{ emptyText: '该村没有登记特殊群体' }}
          renderItem={(c) => (
            <List.Item>
              <Card
                size="small"
                data-testid="special-contact"
                title={
                  <Space size={4} wrap>
                    {c.name}
                    <Tag color="orange">{c.specialNeed ? SPECIAL_NEED_NAMES[c.specialNeed] : ''}</Tag>
                    {!transferPlanComplete(c) && <Tag color="red">四个一未落实</Tag>}
                  </Space>
                }
                extra={onEdit && <Button size="small" type="text" icon={<EditOutlined />} onClick={() => onEdit(c)} />}
              >
                <Descriptions size="small" column={1} layout={narrow ? 'vertical' : 'horizontal'}>
                  <Descriptions.Item label="本人电话">
                    <Tel phone={c.phone} />
                  </Descriptions.Item>
                  <Descriptions.Item label="转移责任人">
                    <Space size={4} wrap>
                      {c.helperName ?? missing}
                      {c.helperPhone ? <Tel phone={c.helperPhone} /> : c.helperName && missing}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label="转移路线">{c.route ?? missing}</Descriptions.Item>
                  <Descriptions.Item label="安置点">{c.shelterName ?? missing}</Descriptions.Item>
                  {c.note && <Descriptions.Item label="备注">{c.note}</Descriptions.Item>}
                </Descriptions>
              </Card>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
