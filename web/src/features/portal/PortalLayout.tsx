import { Avatar, Box, Button, Center, EmptyState, Group, Loader, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconListDetails, IconLogout, IconMoodSearch, IconPlus } from '@tabler/icons-react';
import { type ReactNode, Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ErrorBoundary } from '../../app/ErrorBoundary.tsx';
import { initials } from '../../app/format.ts';
import { FullPageLoader, FullPageMessage } from '../../app/FullPage.tsx';
import { LogoMark } from '../../app/LogoMark.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import classes from './portal.module.css';
import { newRequestPath, portalHome } from './routing.tsx';

/** The help centre's name and mark, linking home. */
export function PortalBrand({ to = portalHome }: { to?: string }) {
  return (
    <Link to={to} className={classes.brand} aria-label="Help Center home">
      <LogoMark size={30} />
      <span className={classes.brandName}>Frontline</span>
      <span className={classes.brandDivider} aria-hidden="true" />
      <span className={classes.brandSub}>Help Center</span>
    </Link>
  );
}

export function PortalFooter() {
  return (
    <Box component="footer" className={classes.footer}>
      <Group className={classes.container} justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          Your requests are private to you and our support team.
        </Text>
        <Text size="xs" c="dimmed">
          Powered by Frontline
        </Text>
      </Group>
    </Box>
  );
}

/**
 * The signed-in portal: checks that a customer is signed in (agents go to their workspace), then
 * frames the page with the help-centre header and footer.
 */
export function PortalLayout() {
  const { status, user, error, retry } = useAuth();
  const location = useLocation();

  if (status === 'loading') return <FullPageLoader label="Loading your requests…" />;
  if (status === 'error') return <FullPageMessage title="The help center is not reachable" error={error} onRetry={retry} />;
  if (status === 'signed_out' || !user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/portal/sign-in" replace state={from === portalHome ? undefined : { from }} />;
  }
  if (user.role !== 'customer') return <Navigate to="/tickets" replace />;

  return (
    <Box className={classes.shell}>
      <a className="fl-skip-link" href="#portal-main">
        Skip to content
      </a>
      <PortalHeader />
      <Box component="main" id="portal-main" tabIndex={-1} className={classes.main}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense
            fallback={
              <Center h={320} role="status" aria-label="Loading">
                <Loader size="sm" type="dots" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Box>
      <PortalFooter />
    </Box>
  );
}

function PortalHeader() {
  const location = useLocation();
  // The home page and the form have their own call to action.
  const showNew = location.pathname !== newRequestPath && location.pathname !== portalHome;
  const onRequests =
    location.pathname === portalHome || (location.pathname.startsWith('/portal/requests/') && location.pathname !== newRequestPath);
  return (
    <Box component="header" className={classes.header}>
      <Box className={`${classes.container} ${classes.headerInner}`}>
        <PortalBrand />
        <Box component="nav" aria-label="Help Center" className={classes.nav}>
          <Link to={portalHome} className={classes.navLink} aria-current={onRequests ? 'page' : undefined}>
            My requests
          </Link>
          <Link to="/portal/claims" className={classes.navLink} aria-current={location.pathname === '/portal/claims' ? 'page' : undefined}>
            Returns
          </Link>
          <Link to="/help" className={classes.navLink}>
            Help articles
          </Link>
        </Box>
        <Box className={classes.headerActions}>
          {showNew && (
            <Button component={Link} to={newRequestPath} leftSection={<IconPlus size={16} stroke={2.2} />} radius="xl" visibleFrom="xs">
              New request
            </Button>
          )}
          <UserMenu />
        </Box>
      </Box>
    </Box>
  );
}

function UserMenu() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;

  const handleSignOut = async () => {
    try {
      await signOut();
      navigate('/portal/sign-in', { replace: true });
    } catch (failure) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: errorMessage(failure) });
    }
  };

  return (
    <Menu position="bottom-end" width={250} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.userButton} aria-label={`Account menu for ${user.name}`}>
          <Group gap={6} wrap="nowrap">
            <Avatar size={34} radius="xl" color="brand" variant="light">
              {initials(user.name)}
            </Avatar>
            <IconChevronDown size={14} stroke={2} color="var(--mantine-color-dimmed)" aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={8}>
          <Text size="sm" fw={600} truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Box>
        <Menu.Divider />
        <MenuLink to={portalHome} icon={<IconListDetails size={16} />}>
          My requests
        </MenuLink>
        <MenuLink to={newRequestPath} icon={<IconPlus size={16} />}>
          New request
        </MenuLink>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void handleSignOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function MenuLink({ to, icon, children }: { to: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Menu.Item component={Link} to={to} leftSection={icon}>
      {children}
    </Menu.Item>
  );
}

/** An unknown /portal address. */
export function PortalNotFound() {
  useDocumentTitle('Page not found');
  return (
    <Box className={classes.container} py={64}>
      <Box className={classes.card} py={56} px="md">
        <EmptyState
          icon={<IconMoodSearch size={30} stroke={1.6} />}
          withIndicatorBackground
          title="This page does not exist"
          description="The address may be mistyped, or the page has moved."
        >
          <EmptyState.Actions>
            <Button component={Link} to={portalHome} radius="xl" variant="default">
              Go to my requests
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Box>
    </Box>
  );
}
