import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth.tsx';
import { FullPageLoader, FullPageMessage } from './FullPage.tsx';
import { preloadWorkspace } from './pages.ts';

/** Lets signed-in people through; sends everyone else to the sign-in page and back afterwards. */
export function RequireAuth() {
  const { status, error, retry } = useAuth();
  const location = useLocation();
  useEffect(() => {
    if (status === 'signed_in') preloadWorkspace();
  }, [status]);
  if (status === 'loading') return <FullPageLoader />;
  if (status === 'error') return <FullPageMessage title="Frontline is not reachable" error={error} onRetry={retry} />;
  if (status === 'signed_out') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={from === '/' ? undefined : { from }} />;
  }
  return <Outlet />;
}
