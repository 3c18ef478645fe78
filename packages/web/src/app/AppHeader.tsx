import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tag, Tooltip, Typography } from 'antd';
import { AreaSwitcher } from './AreaSwitcher.tsx';
import { PLATFORM_NAME } from './brand.ts';
import { roleName } from './format.ts';
import { LiveIndicator } from './live.tsx';
import { useSession, useUser } from './session.tsx';

/** Platform name, the 当前区域 switcher, the live-push light, who is logged in, and the account actions. */
export function AppHeader({ onChangePassword }: { onChangePassword(): void }) {
  const user = useUser();
  const { logout } = useSession();

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 24,
        padding: '0 16px',
        background: '#0b3a6f',
        color: '#fff',
      }}
    >
      <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
        {PLATFORM_NAME}
      </Typography.Title>
      <Space>
        <span style={{ whiteSpace: 'nowrap' }}>当前区域</span>
        <AreaSwitcher />
      </Space>
      <div style={{ flex: 1 }} />
      <Space size="middle" style={{ color: '#fff' }}>
        <LiveIndicator />
        <Tooltip title={user.areaName ? `管辖范围：${user.areaName}` : '管辖范围：全部区域'}>
          <Space size={4} data-testid="current-user">
            <UserOutlined />
            <span>{user.displayName}</span>
            {user.roles.map((role) => (
              <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                {roleName(role)}
              </Tag>
            ))}
          </Space>
        </Tooltip>
        <Button
          type="text"
          icon={<KeyOutlined />}
          style={{ color: '#fff' }}
          onClick={onChangePassword}
          data-testid="change-password"
        >
          修改密码
        </Button>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          style={{ color: '#fff' }}
          onClick={() => void logout()}
          data-testid="logout"
        >
          退出登录
        </Button>
      </Space>
    </Layout.Header>
  );
}
