import { Layout, Menu, Result, Button, Spin, Alert } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { AppHeader } from './AppHeader.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { useCurrentArea } from './currentArea.tsx';
import { HOME_PATH, MENU_GROUPS, PAGES, pageForPath, type PageDefinition } from './pages.tsx';
import { navigate, usePath } from './router.ts';
import { useUser } from './session.tsx';

const { Sider, Content } = Layout;

/** What the content area shows for the current path: the page, a 403 or a 404. */
function PageOutlet() {
  const user = useUser();
  const path = usePath();
  const { error } = useCurrentArea();
  const page = pageForPath(path);
  const back = (
    <Button type="primary" onClick={() => navigate(HOME_PATH)}>
      返回一张图
    </Button>
  );

  if (!page) return <Result status="404" title="页面不存在" extra={back} />;
  if (!page.allowed(user)) return <Result status="403" title="无权访问该页面" extra={back} />;
  const Page = page.component;
  return (
    <>
      {error && <Alert type="error" showIcon title={`行政区划加载失败：${error}`} style={{ margin: 16 }} />}
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Page />
      </Suspense>
    </>
  );
}

/** The shell after login: module menu on the left, header on top, the page in the remaining space. */
function pageItem(page: PageDefinition) {
  return { key: page.key, icon: page.icon, label: <span data-testid={`menu-${page.key}`}>{page.label}</span> };
}

/** Pages without a group stand at the top level; grouped pages sit in their group's submenu, in PAGES order. */
function menuItems(visible: PageDefinition[]) {
  const items: { key: string; icon?: ReactNode; label: ReactNode; children?: ReturnType<typeof pageItem>[] }[] = [];
  for (const page of visible) {
    const group = MENU_GROUPS.find((g) => g.key === page.group);
    if (!group) items.push(pageItem(page));
    else {
      let entry = items.find((i) => i.key === group.key);
      if (!entry) items.push((entry = { key: group.key, icon: group.icon, label: group.label, children: [] }));
      entry.children!.push(pageItem(page));
    }
  }
  return items;
}

export function AppLayout() {
  const user = useUser();
  const path = usePath();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const visible = PAGES.filter((page) => page.allowed(user));
  const selected = pageForPath(path)?.key;

  return (
    <Layout style={{ height: '100vh' }}>
      <AppHeader onChangePassword={() => setPasswordOpen(true)} />
      <Layout>
        <Sider theme="light" width={180} collapsible collapsed={collapsed} onCollapse={setCollapsed}>
          {/* The menu scrolls on its own when its groups are taller than the window, above the collapse trigger. */}
          <Menu
            style={{ height: '100%', overflowY: 'auto', borderInlineEnd: 0 }}
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => {
              const page = PAGES.find((p) => p.key === key);
              if (page) navigate(page.path);
            }}
            defaultOpenKeys={MENU_GROUPS.map((g) => g.key)}
            items={menuItems(visible)}
          />
        </Sider>
        {/* position: relative + overflow so a full-bleed page (the map) can fill exactly the space left. */}
        <Content style={{ position: 'relative', overflow: 'auto', background: '#f5f7fa' }}>
          <PageOutlet />
        </Content>
      </Layout>
      <ChangePasswordDialog
        open={passwordOpen || user.mustChangePassword}
        forced={user.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
    </Layout>
  );
}
