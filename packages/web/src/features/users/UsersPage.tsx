import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '@yingji/contracts/auth.ts';
import { Alert, Button, Card, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { formatInstant, roleName } from '../../app/format.ts';
import { UserFormDialog, type UserDialogTarget } from './UserFormDialog.tsx';
import { fetchUsers } from './usersApi.ts';
import { usePagedList } from '../../app/usePagedList.ts';

const PAGE_SIZE = 20;

/** 用户管理 (administrators): accounts, their roles and the area each is responsible for. */
export function UsersPage() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [reloadCount, setReloadCount] = useState(0);
  const [dialog, setDialog] = useState<UserDialogTarget>(null);

  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchUsers(search, limit, offset, signal),
    page,
    PAGE_SIZE,
    [search, reloadCount],
  );

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: User['roles']) => (
        <Space size={[4, 4]} wrap>
          {roles.map((role) => (
            <Tag key={role} color={role === 'admin' ? 'red' : 'blue'}>
              {roleName(role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '管辖区域',
      dataIndex: 'areaName',
      render: (name: string, user) => name || (user.areaCode === '' ? '全部区域' : user.areaCode),
    },
    { title: '手机', dataIndex: 'phone', width: 130, render: (phone: string | null) => phone ?? '—' },
    {
      title: '状态',
      width: 140,
      render: (_value, user) => (
        <Space size={4}>
          {user.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>}
          {user.mustChangePassword && <Tag color="orange">待改密</Tag>}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 180, render: (at: string) => formatInstant(at) },
    {
      title: '操作',
      width: 90,
      render: (_value, user) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(user)} data-testid={`edit-user-${user.username}`}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="用户管理"
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder="用户名或姓名"
              style={{ width: 220 }}
              onSearch={(value) => {
                setPage(1);
                setSearch(value.trim());
              }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-user">
              新建用户
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<User>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 个用户`,
            onChange: setPage,
          }}
        />
      </Card>
      <UserFormDialog target={dialog} onClose={() => setDialog(null)} onSaved={() => setReloadCount((n) => n + 1)} />
    </div>
  );
}
