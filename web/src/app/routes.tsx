import { Suspense } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AgentsOnly, HomeRedirect } from '../features/portal/routing.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FullPageLoader } from './FullPage.tsx';
import {
  AdminHome,
  AutomationPage,
  ArticleEditorPage,
  HelpArticlePage,
  HelpCategoryPage,
  HelpHomePage,
  HelpLayout,
  HelpSearchPage,
  KnowledgeBasePage,
  AppLayout,
  AuditLogPage,
  ChannelsPage,
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
  RoutingBoardPage,
  RoutingSettingsPage,
  SignInPage,
  TaxonomyPage,
  TicketDetailPage,
  TicketListPage,
  TokensPage,
  UsersPage,
  WfmPage,
  SurveyResultsPage,
  ChatConsolePage,
  AnalyticsPage,
  QaPage,
  QaReviewPage,
  CallListPage,
  ClaimsPage,
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
          <Route path="/help" element={<HelpLayout />}>
            <Route index element={<HelpHomePage />} />
            <Route path="search" element={<HelpSearchPage />} />
            <Route path="categories/:slug" element={<HelpCategoryPage />} />
            <Route path="articles/:idSlug" element={<HelpArticlePage />} />
          </Route>
          <Route path="/portal" element={<PortalLayout />}>
            <Route index element={<MyRequestsPage />} />
            <Route path="requests/new" element={<NewRequestPage />} />
            <Route path="requests/:id" element={<RequestPage />} />
            <Route path="claims" element={<ClaimsPage />} />
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
              <Route path="kb" element={<KnowledgeBasePage />} />
              <Route path="kb/new" element={<ArticleEditorPage />} />
              <Route path="kb/:id" element={<ArticleEditorPage />} />
              <Route path="admin" element={<AdminHome />} />
              <Route path="admin/users" element={<UsersPage />} />
              <Route path="admin/groups" element={<GroupsPage />} />
              <Route path="admin/taxonomy" element={<TaxonomyPage />} />
              <Route path="admin/custom-fields" element={<CustomFieldsPage />} />
              <Route path="admin/resolution-codes" element={<ResolutionCodesPage />} />
              <Route path="admin/tokens" element={<TokensPage />} />
              <Route path="admin/audit-log" element={<AuditLogPage />} />
              <Route path="admin/routing" element={<RoutingSettingsPage />} />
              <Route path="admin/channels" element={<ChannelsPage />} />
              <Route path="admin/automation" element={<AutomationPage />} />
              <Route path="routing" element={<RoutingBoardPage />} />
              <Route path="wfm" element={<WfmPage />} />
              <Route path="feedback" element={<SurveyResultsPage />} />
              <Route path="chat" element={<ChatConsolePage />} />
              <Route path="analytics" element={<AnalyticsPage />} />
              <Route path="qa" element={<QaPage />} />
              <Route path="outbound" element={<CallListPage />} />
              <Route path="qa/reviews/new" element={<QaReviewPage />} />
              <Route path="qa/reviews/:id" element={<QaReviewPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
