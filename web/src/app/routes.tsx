import { Suspense } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AgentsOnly, HomeRedirect } from '../features/portal/routing.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FullPageLoader } from './FullPage.tsx';
import {
  AdminHome,
  AppLayout,
  AuditLogPage,
  CustomFieldsPage,
  GroupsPage,
  MyRequestsPage,
  NewRequestPage,
  NewTicketPage,
  NotFoundPage,
  PortalLayout,
  PortalNotFound,
  PortalSignInPage,
  PortalSignUpPage,
  RequestPage,
  ResolutionCodesPage,
  SignInPage,
  TaxonomyPage,
  TicketDetailPage,
  TicketListPage,
  TokensPage,
  UsersPage,
} from './pages.ts';
import { RequireAuth } from './RequireAuth.tsx';

export function AppRoutes() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<FullPageLoader />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/portal/sign-in" element={<PortalSignInPage />} />
          <Route path="/portal/sign-up" element={<PortalSignUpPage />} />
          <Route path="/portal" element={<PortalLayout />}>
            <Route index element={<MyRequestsPage />} />
            <Route path="requests/new" element={<NewRequestPage />} />
            <Route path="requests/:id" element={<RequestPage />} />
            <Route path="*" element={<PortalNotFound />} />
          </Route>
          <Route element={<RequireAuth />}>
            <Route index element={<HomeRedirect />} />
            <Route
              element={
                <AgentsOnly>
                  <AppLayout />
                </AgentsOnly>
              }
            >
              <Route path="tickets" element={<TicketListPage />} />
              <Route path="tickets/new" element={<NewTicketPage />} />
              <Route path="tickets/:id" element={<TicketDetailPage />} />
              <Route path="admin" element={<AdminHome />} />
              <Route path="admin/users" element={<UsersPage />} />
              <Route path="admin/groups" element={<GroupsPage />} />
              <Route path="admin/taxonomy" element={<TaxonomyPage />} />
              <Route path="admin/custom-fields" element={<CustomFieldsPage />} />
              <Route path="admin/resolution-codes" element={<ResolutionCodesPage />} />
              <Route path="admin/tokens" element={<TokensPage />} />
              <Route path="admin/audit-log" element={<AuditLogPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
