import type { Session, User } from '@yingji/contracts/auth.ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setSessionLostHandler } from './api.ts';

type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

interface SessionValue {
  status: SessionStatus;
  user: User | null;
  /** Why the user is on the login page again (e.g. 登录已过期), shown there once. */
  notice: string | null;
  /** True after 退出登录: the next person to log in starts on the home page, not on the last user's page. */
  loggedOut: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Re-reads the current user, e.g. after a password change cleared mustChangePassword. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const statusRef = useRef(status);
  statusRef.current = status;

  const adopt = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setNotice(null);
    setLoggedOut(false);
    setStatus('authenticated');
  }, []);

  const forget = useCallback((why: string | null) => {
    setCsrfToken(null);
    setUser(null);
    setNotice(why);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      adopt(await api.get<Session>('/api/auth/me'));
    } catch (error) {
      // A 401 already went through the session-lost handler; anything else (server down) also means "log in".
      if (!(error instanceof ApiError && error.status === 401)) forget(null);
    }
  }, [adopt, forget]);

  useEffect(() => {
    setSessionLostHandler((error) => {
      // Only a session that existed can "expire"; the first /me of a fresh visit is not news to the user.
      forget(statusRef.current === 'authenticated' ? error.message : null);
    });
    void refresh();
    return () => setSessionLostHandler(null);
  }, [forget, refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      adopt(await api.post<Session>('/api/auth/login', { username, password }));
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      // Leave locally even if the server is unreachable: the cookie expires on its own.
      forget(null);
      setLoggedOut(true);
    }
  }, [forget]);

  const value = useMemo(
    () => ({ status, user, notice, loggedOut, login, logout, refresh }),
    [status, user, notice, loggedOut, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** For pages that only render inside the authenticated shell. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser outside an authenticated page');
  return user;
}
