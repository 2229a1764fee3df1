import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../app/auth.tsx';

/*
 * The small pieces of portal routing the entry chunk needs (no Mantine here): customers and agents
 * share one app, and each is sent to their own side of it.
 */

export const portalHome = '/portal';
export const newRequestPath = '/portal/requests/new';
export const requestPath = (id: number | string): string => `/portal/requests/${id}`;

/** The portal page that matches an agent-workspace address (a customer following an old /tickets link). */
export function portalPathFor(pathname: string): string {
  const ticket = /^\/tickets\/(\d+)/.exec(pathname);
  return ticket?.[1] ? requestPath(ticket[1]) : portalHome;
}

/** Wraps the agent workspace: a customer who lands there goes to the matching portal page instead. */
export function AgentsOnly({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user?.role === 'customer') return <Navigate to={portalPathFor(location.pathname)} replace />;
  return children;
}

/** `/`: the ticket list for agents, "My requests" for customers. */
export function HomeRedirect() {
  const { user } = useAuth();
  return <Navigate to={user?.role === 'customer' ? portalHome : '/tickets'} replace />;
}
