import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
// Week-day and month names in the date pickers come from dayjs's locale, which antd's zh_CN does not carry.
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect } from 'react';
import { AppLayout } from './AppLayout.tsx';
import { CurrentAreaProvider } from './currentArea.tsx';
import { LiveProvider } from './live.tsx';
import { LoginPage } from './LoginPage.tsx';
import { HOME_PATH, standalonePageForPath, type StandalonePage } from './pages.tsx';
import { historyState, navigate, usePath } from './router.ts';
import { SessionProvider, useSession } from './session.tsx';

const LOGIN_PATH = '/login';

interface LoginState {
  from?: string;
}

/** Sends a visitor without a session to /login (remembering where they were going), and back after logging in. */
function SessionGate() {
  const { status, loggedOut } = useSession();
  const path = usePath();
  const standalone = standalonePageForPath(path);

  useEffect(() => {
    if (standalone?.public) return;
    if (status === 'anonymous' && path !== LOGIN_PATH) {
      const from = loggedOut || path === '/' ? HOME_PATH : path;
      navigate(LOGIN_PATH, { replace: true, state: { from } satisfies LoginState });
    } else if (status === 'authenticated' && (path === LOGIN_PATH || path === '/')) {
      navigate(historyState<LoginState>()?.from ?? HOME_PATH, { replace: true });
    }
  }, [status, path, loggedOut, standalone]);

  // A public page (公众预警) is for everyone: no session asked, none waited for.
  if (standalone?.public) return <Standalone page={standalone.component} />;

  if (status === 'loading') {
    return (
      <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (status === 'anonymous') return <LoginPage />;
  return (
    <CurrentAreaProvider>
      <LiveProvider>{standalone ? <Standalone page={standalone.component} /> : <AppLayout />}</LiveProvider>
    </CurrentAreaProvider>
  );
}

/** A page outside the shell (no menu or header), e.g. the public warnings or a page made for phones. */
function Standalone({ page: Page }: { page: StandalonePage['component'] }) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Page />
    </Suspense>
  );
}

export function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1d5fa8' } }}>
      <AntApp>
        <SessionProvider>
          <SessionGate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
