import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FullPageLoader } from './FullPage.tsx';
import { AppLayout, NotFoundPage, SignInPage, TicketDetailPage, TicketListPage } from './pages.ts';
import { RequireAuth } from './RequireAuth.tsx';

export function AppRoutes() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<FullPageLoader />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
              <Route index element={<Navigate to="/tickets" replace />} />
              <Route path="tickets" element={<TicketListPage />} />
              <Route path="tickets/:id" element={<TicketDetailPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
