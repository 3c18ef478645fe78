import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Contact, ContactGroup } from '@yingji/contracts/warnings.ts';
import { CONTACT_GROUP_NAMES, SPECIAL_NEED_NAMES } from '@yingji/contracts/warnings.ts';
import { Alert, App, Button, Card, Grid, Input, Popconfirm, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../app/api.ts';
import { AreaTreeSelect } from '../../../app/AreaTreeSelect.tsx';
import { useCurrentArea } from '../../../app/currentArea.tsx';
import { ExcelButtons } from '../../../app/excel/ExcelButtons.tsx';
import { can } from '../../../app/permissions.ts';
import { useUser } from '../../../app/session.tsx';
import { useAreaNames } from '../../../app/useAreaNames.ts';
import { cappedTotalText, useCappedList } from '../../../app/useCappedList.ts';
import { ContactFormDialog, type ContactDialogTarget } from './ContactFormDialog.tsx';
import { CONTACTS_PATH, deleteContact, fetchContacts } from './contactsApi.ts';
import { CONTACT_GROUP_COLORS, CONTACT_GROUP_OPTIONS } from './labels.ts';
import { SpecialContactsTab } from './SpecialContactsTab.tsx';

const PAGE_SIZE = 20;

/**
 * 预警接收人: the people each village's warnings reach — residents (only those who agreed get SMS), 村干部, 灾害信息员 —
 * kept by the township and by the village's own 信息员, imported from the village's Excel list; and the village's
 * 特殊群体 with their 临灾转移“四个一”.
 */
export function ContactsPage() {
  const user = useUser();
  const canEdit = can(user, 'contacts:edit');
  const { area } = useCurrentArea();
  const { message } = App.useApp();
  const areaName = useAreaNames();
  const [page, setPage] = useState(1);
  const [areaCode, setAreaCode] = useState<string | undefined>(area?.code);
  const [group, setGroup] = useState<ContactGroup>();
  const [special, setSpecial] = useState<'true' | 'false'>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<ContactDialogTarget>(null);
  const refresh = () => setReload((n) => n + 1);
  // On a phone the buttons go above the tabs: beside the title they would squeeze it to nothing.
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const roomy = screens.sm ?? true;

  // The header's area switch moves the list with it.
  useEffect(() => setAreaCode(area?.code), [area?.code]);

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) =>
      fetchContacts(
        { areaCode, group, special: special === undefined ? undefined : special === 'true', q },
        limit,
        offset,
        signal,
      ),
    page,
    PAGE_SIZE,
    [areaCode, group, special, q, reload],
  );
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setPage(1);
      set(v);
    };

  const remove = async (c: Contact) => {
    try {
      await deleteContact(c.id);
      message.success(`已删除 ${c.name}`);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  // On a phone: name (with the consent folded in) and phone; the rest as the screen grows (antd `responsive`).
  const columns: TableColumnsType<Contact> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space size={4} wrap>
          {name}
          {c.group !== 'residents' && <Tag color={CONTACT_GROUP_COLORS[c.group]}>{CONTACT_GROUP_NAMES[c.group]}</Tag>}
          {c.specialNeed && <Tag color="orange">{SPECIAL_NEED_NAMES[c.specialNeed]}</Tag>}
          {!c.consent && !roomy && <Tag>不同意接收</Tag>}
          {c.demo && roomy && <Tag>演示</Tag>}
        </Space>
      ),
    },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (p: string) => <a href={`tel:${p}`}>{p}</a> },
    {
      title: '同意接收',
      dataIndex: 'consent',
      width: 96,
      responsive: ['sm'],
      render: (ok: boolean) => (ok ? <Tag color="green">同意</Tag> : <Tag color="default">不同意</Tag>),
    },
    {
      title: '类别',
      dataIndex: 'group',
      width: 110,
      responsive: ['lg'],
      render: (g: ContactGroup) => CONTACT_GROUP_NAMES[g],
    },
    { title: '所在村（组）', dataIndex: 'areaCode', width: 200, responsive: ['md'], render: (code: string) => areaName(code) },
    {
      title: '转移责任人 / 安置点',
      responsive: ['lg'],
      render: (_v, c) => (c.specialNeed ? `${c.helperName ?? '未定'} → ${c.shelterName ?? '未定'}` : '—'),
    },
    { title: '备注', dataIndex: 'note', responsive: ['xl'], render: (n: string | null) => n ?? '—' },
    ...(canEdit
      ? [
          {
            title: '操作',
            width: 90,
            render: (_: unknown, c: Contact) => (
              <Space size={4}>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setDialog(c)} aria-label="编辑" />
                <Popconfirm title={`删除接收人 ${c.name}？`} onConfirm={() => void remove(c)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const list = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <AreaTreeSelect
          value={areaCode}
          onChange={(code) => filtered(setAreaCode)(code)}
          style={{ width: 220, maxWidth: '100%' }}
          placeholder="区域"
          aria-label="区域"
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 120 }}
          options={CONTACT_GROUP_OPTIONS}
          value={group}
          onChange={filtered(setGroup)}
          data-testid="filter-group"
        />
        <Select
          allowClear
          placeholder="特殊群体"
          style={{ width: 130 }}
          value={special}
          onChange={filtered(setSpecial)}
          options={[
            { value: 'true', label: '只看特殊群体' },
            { value: 'false', label: '非特殊群体' },
          ]}
        />
        <Input.Search allowClear placeholder="姓名" style={{ width: 160 }} onSearch={(v) => filtered(setQ)(v.trim())} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Contact>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="contacts-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: (n) => cappedTotalText(n, capped, '人'),
          onChange: setPage,
        }}
      />
    </>
  );

  const toolbar = (
    <Space wrap>
      <ExcelButtons basePath={`${CONTACTS_PATH}/excel`} testId="contacts" canImport={canEdit} onImported={refresh} />
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-contact">
          新增
        </Button>
      )}
    </Space>
  );

  return (
    <div style={{ padding: wide ? 16 : 8 }}>
      <Card size="small" title={`预警接收人${area ? ` — ${area.name}` : ''}`} extra={wide && toolbar}>
        {!wide && toolbar}
        <Tabs
          items={[
            { key: 'list', label: '接收人名单', children: list },
            {
              key: 'special',
              label: '特殊群体',
              children: <SpecialContactsTab reload={reload} onEdit={canEdit ? setDialog : undefined} />,
            },
          ]}
        />
      </Card>
      <ContactFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={refresh} />
    </div>
  );
}
