/**
 * The signed-in session: who the user is, what they may do, and sign-in/out.
 * Loaded once from /api/me; a 401 from any call ends it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { api, isApiError, onSessionProblem, type Result, setCsrfToken } from '../api/client.js';

/** The signed-in user, their scope and permissions, and the CSRF token. */
export type MeDto = Result<'GET', '/api/me'>;

interface SessionValue {
  me: MeDto | null;
  loading: boolean;
  /** True when the session ended underneath the user (expired, revoked). */
  ended: boolean;
  login: (username: string, password: string) => Promise<MeDto>;
  logout: () => Promise<void>;
  refresh: () => Promise<MeDto | null>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<MeDto | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState(false);
  const meRef = useRef<MeDto | null>(null);

  const setMe = useCallback((value: MeDto | null) => {
    setCsrfToken(value?.csrfToken ?? null);
    meRef.current = value;
    setMeState(value);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const value = await api.get('/api/me', { quietAuth: true });
      setMe(value);
      return value;
    } catch (err) {
      if (isApiError(err) && err.status === 401) {
        setMe(null);
        return null;
      }
      throw err;
    }
  }, [setMe]);

  useEffect(() => {
    let alive = true;
    api
      .get('/api/me', { quietAuth: true })
      .then((value) => alive && setMe(value))
      .catch(() => alive && setMe(null))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [setMe]);

  useEffect(() => {
    onSessionProblem((reason) => {
      if (reason === 'unauthenticated') {
        if (meRef.current) setEnded(true);
        setMe(null);
      } else {
        void refresh().catch(() => undefined);
      }
    });
    return () => onSessionProblem(null);
  }, [refresh, setMe]);

  const login = useCallback(
    async (username: string, password: string) => {
      const value = await api.post('/api/auth/login', { body: { username, password }, quietAuth: true });
      setEnded(false);
      setMe(value);
      return value;
    },
    [setMe],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', { quietAuth: true });
    } finally {
      setEnded(false);
      setMe(null);
    }
  }, [setMe]);

  const can = useCallback((permission: string) => me?.permissions.includes(permission) ?? false, [me]);

  const value = useMemo<SessionValue>(
    () => ({ me, loading, ended, login, logout, refresh, can }),
    [me, loading, ended, login, logout, refresh, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** `const can = useCan(); can('area.create')` */
export function useCan(): (permission: string) => boolean {
  return useSession().can;
}

/** The signed-in user; only for pages rendered behind the auth guard. */
export function useMe(): MeDto {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
