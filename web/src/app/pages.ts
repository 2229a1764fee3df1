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
export const NotFoundPage = lazyPage(
  () => import('./NotFoundPage.tsx'),
  (m) => m.NotFoundPage,
);

/** Starts downloading the chunks the first screen needs while the session check runs. */
export function preloadFor(pathname: string): void {
  if (pathname.startsWith('/sign-in')) {
    void SignInPage.preload();
    return;
  }
  void AppLayout.preload();
  if (/^\/tickets\/\d+/.test(pathname)) void TicketDetailPage.preload();
  else if (pathname === '/' || pathname.startsWith('/tickets')) void TicketListPage.preload();
}

/** Once someone is signed in, fetch the main screens in the background so moving around is instant. */
export function preloadWorkspace(): void {
  void AppLayout.preload();
  void TicketListPage.preload();
  void TicketDetailPage.preload();
}
