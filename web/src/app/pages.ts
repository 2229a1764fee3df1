import { lazyPage } from './lazyPage.ts';

/*
 * Every screen is its own lazy chunk; the entry chunk carries only the providers, the API client,
 * the auth check and this table.
 */
export const SignInPage = lazyPage(
  () => import('../features/auth/SignInPage.tsx'),
  (m) => m.SignInPage,
);
export const AppLayout = lazyPage(
  () => import('./AppLayout.tsx'),
  (m) => m.AppLayout,
);
export const TicketListPage = lazyPage(
  () => import('../features/tickets/TicketListPage.tsx'),
  (m) => m.TicketListPage,
);
export const TicketDetailPage = lazyPage(
  () => import('../features/tickets/TicketDetailPage.tsx'),
  (m) => m.TicketDetailPage,
);
export const NewTicketPage = lazyPage(
  () => import('../features/tickets/NewTicketPage.tsx'),
  (m) => m.NewTicketPage,
);
export const NotFoundPage = lazyPage(
  () => import('./NotFoundPage.tsx'),
  (m) => m.NotFoundPage,
);

// The customer portal (features/portal): its own frame and screens.
export const PortalSignInPage = lazyPage(
  () => import('../features/portal/PortalSignInPage.tsx'),
  (m) => m.PortalSignInPage,
);
export const PortalSignUpPage = lazyPage(
  () => import('../features/portal/PortalSignUpPage.tsx'),
  (m) => m.PortalSignUpPage,
);
export const PortalLayout = lazyPage(
  () => import('../features/portal/PortalLayout.tsx'),
  (m) => m.PortalLayout,
);
export const PortalNotFound = lazyPage(
  () => import('../features/portal/PortalLayout.tsx'),
  (m) => m.PortalNotFound,
);
export const MyRequestsPage = lazyPage(
  () => import('../features/portal/MyRequestsPage.tsx'),
  (m) => m.MyRequestsPage,
);
export const NewRequestPage = lazyPage(
  () => import('../features/portal/NewRequestPage.tsx'),
  (m) => m.NewRequestPage,
);
export const RequestPage = lazyPage(
  () => import('../features/portal/RequestPage.tsx'),
  (m) => m.RequestPage,
);

// Admin screens (features/admin), inside the workspace frame.
export const AdminHome = lazyPage(
  () => import('../features/admin/AdminPage.tsx'),
  (m) => m.AdminHome,
);
export const UsersPage = lazyPage(
  () => import('../features/admin/UsersPage.tsx'),
  (m) => m.UsersPage,
);
export const GroupsPage = lazyPage(
  () => import('../features/admin/GroupsPage.tsx'),
  (m) => m.GroupsPage,
);
export const TaxonomyPage = lazyPage(
  () => import('../features/admin/TaxonomyPage.tsx'),
  (m) => m.TaxonomyPage,
);
export const CustomFieldsPage = lazyPage(
  () => import('../features/admin/CustomFieldsPage.tsx'),
  (m) => m.CustomFieldsPage,
);
export const ResolutionCodesPage = lazyPage(
  () => import('../features/admin/ResolutionCodesPage.tsx'),
  (m) => m.ResolutionCodesPage,
);
export const TokensPage = lazyPage(
  () => import('../features/admin/TokensPage.tsx'),
  (m) => m.TokensPage,
);
export const AuditLogPage = lazyPage(
  () => import('../features/admin/AuditLogPage.tsx'),
  (m) => m.AuditLogPage,
);
// Routing (features/routing): the live queue board and the routing and value settings.
export const RoutingBoardPage = lazyPage(
  () => import('../features/routing/RoutingBoardPage.tsx'),
  (m) => m.RoutingBoardPage,
);
export const RoutingSettingsPage = lazyPage(
  () => import('../features/routing/RoutingSettingsPage.tsx'),
  (m) => m.RoutingSettingsPage,
);
// The knowledge base: agents' editor (features/kb) and the public help centre (features/portal/kb).
export const KnowledgeBasePage = lazyPage(
  () => import('../features/kb/KnowledgeBasePage.tsx'),
  (m) => m.KnowledgeBasePage,
);
export const ArticleEditorPage = lazyPage(
  () => import('../features/kb/ArticleEditorPage.tsx'),
  (m) => m.ArticleEditorPage,
);
export const HelpLayout = lazyPage(
  () => import('../features/portal/kb/HelpLayout.tsx'),
  (m) => m.HelpLayout,
);
export const HelpHomePage = lazyPage(
  () => import('../features/portal/kb/HelpHomePage.tsx'),
  (m) => m.HelpHomePage,
);
export const HelpSearchPage = lazyPage(
  () => import('../features/portal/kb/HelpSearchPage.tsx'),
  (m) => m.HelpSearchPage,
);
export const HelpCategoryPage = lazyPage(
  () => import('../features/portal/kb/HelpCategoryPage.tsx'),
  (m) => m.HelpCategoryPage,
);
export const HelpArticlePage = lazyPage(
  () => import('../features/portal/kb/HelpArticlePage.tsx'),
  (m) => m.HelpArticlePage,
);
// Workforce management (features/wfm): forecasts, schedules, the staffing calculator, one's shifts.
export const WfmPage = lazyPage(
  () => import('../features/wfm/WfmPage.tsx'),
  (m) => m.WfmPage,
);
// Analytics (features/analytics): daily, weekly and monthly dashboards and root cause.
export const AnalyticsPage = lazyPage(
  () => import('../features/analytics/AnalyticsPage.tsx'),
  (m) => m.AnalyticsPage,
);
export const SurveyResultsPage = lazyPage(
  () => import('../features/feedback/SurveyResultsPage.tsx'),
  (m) => m.SurveyResultsPage,
);
export const ChatConsolePage = lazyPage(
  () => import('../features/chat/ChatConsolePage.tsx'),
  (m) => m.ChatConsolePage,
);
export const QaPage = lazyPage(
  () => import('../features/qa/QaPage.tsx'),
  (m) => m.QaPage,
);
export const QaReviewPage = lazyPage(
  () => import('../features/qa/ReviewPage.tsx'),
  (m) => m.ReviewPage,
);
export const AutomationPage = lazyPage(
  () => import('../features/automation/AutomationPage.tsx'),
  (m) => m.AutomationPage,
);
// Channels (features/channels): support addresses, mailboxes, messaging connections, inbound mail.
export const ChannelsPage = lazyPage(
  () => import('../features/channels/ChannelsPage.tsx'),
  (m) => m.ChannelsPage,
);
const adminPages: Record<string, { preload: () => Promise<unknown> }> = {
  users: UsersPage,
  groups: GroupsPage,
  taxonomy: TaxonomyPage,
  'custom-fields': CustomFieldsPage,
  'resolution-codes': ResolutionCodesPage,
  tokens: TokensPage,
  'audit-log': AuditLogPage,
  routing: RoutingSettingsPage,
  automation: AutomationPage,
  channels: ChannelsPage,
};

/** Starts downloading the chunks the first screen needs while the session check runs. */
export function preloadFor(pathname: string): void {
  if (pathname.startsWith('/portal')) {
    preloadPortal(pathname);
    return;
  }
  if (pathname.startsWith('/sign-in')) {
    void SignInPage.preload();
    return;
  }
  void AppLayout.preload();
  if (pathname.startsWith('/admin')) void (adminPages[pathname.split('/')[2] ?? '']?.preload() ?? AdminHome.preload());
  else if (pathname === '/tickets/new') void NewTicketPage.preload();
  else if (/^\/tickets\/\d+/.test(pathname)) void TicketDetailPage.preload();
  else if (pathname === '/' || pathname.startsWith('/tickets')) void TicketListPage.preload();
}

/** Once someone is signed in, fetch the main screens in the background so moving around is instant. */
export function preloadWorkspace(): void {
  void AppLayout.preload();
  void TicketListPage.preload();
  void TicketDetailPage.preload();
}

function preloadPortal(pathname: string): void {
  if (pathname.startsWith('/portal/sign-in')) void PortalSignInPage.preload();
  else if (pathname.startsWith('/portal/sign-up')) void PortalSignUpPage.preload();
  else {
    void PortalLayout.preload();
    if (pathname === '/portal/requests/new') void NewRequestPage.preload();
    else if (pathname.startsWith('/portal/requests/')) void RequestPage.preload();
    else void MyRequestsPage.preload();
  }
}
// Proactive outreach (features/proactive): call lists worked from the workspace.
export const CallListPage = lazyPage(
  () => import('../features/proactive/CallListPage.tsx'),
  (m) => m.CallListPage,
);
// Returns and warranty claims in the portal (features/portal/returns).
export const ClaimsPage = lazyPage(
  () => import('../features/portal/returns/ClaimsPage.tsx'),
  (m) => m.ClaimsPage,
);
