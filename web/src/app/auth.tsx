import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from './api.ts';
import type { Session, User } from './types.ts';

export type AuthStatus = 'loading' | 'signed_in' | 'signed_out' | 'error';

interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  session: Session | null;
  /** Why the session could not be checked (server down), when status is 'error'. */
  error: unknown;
  retry: () => void;
  signIn: (email: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/session');
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: (count, error) => !(isApiError(error) && error.status > 0 && error.status < 500) && count < 2,
  });

  const forget = useCallback(() => {
    setCsrfToken(null);
    // Drop everything cached for the previous person, then mark the session as gone.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    queryClient.setQueryData(sessionKey, null);
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(forget);
    return () => setUnauthenticatedHandler(null);
  }, [forget]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await api.post<Session>('/api/v1/session', { email, password });
      setCsrfToken(session.csrf_token);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, session);
      return session;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/session');
    } catch (error) {
      // Already signed out on the server: nothing more to do there.
      if (!(isApiError(error) && error.status === 401)) throw error;
    } finally {
      forget();
    }
  }, [forget]);

  const session = query.data ?? null;
  const status: AuthStatus = query.isPending ? 'loading' : query.isError ? 'error' : session ? 'signed_in' : 'signed_out';

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      session,
      user: session?.user ?? null,
      error: query.error,
      retry: () => void query.refetch(),
      signIn,
      signOut,
    }),
    [status, session, query.error, query.refetch, signIn, signOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user, for components that only render inside the authenticated shell. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}
