import { AppShell, Avatar, Box, Burger, Center, Group, Loader, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBook2,
  IconCalendarStats,
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconListDetails,
  IconLogout,
  IconMessages,
  IconMoodSmile,
  IconPhoneOutgoing,
  IconRoute,
} from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { AdminNav } from '../features/admin/AdminNav.tsx';
import { AgentStateSwitcher } from '../features/routing/AgentStateSwitcher.tsx';
import { ViewsNav } from '../features/tickets/ViewsNav.tsx';
import { ConnectionStatus, LiveUpdates, WorkspaceShortcuts } from '../features/workspace/Workspace.tsx';
import { errorMessage } from './api.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useCurrentUser, useAuth } from './auth.tsx';
import { initials } from './format.ts';
import { Logo } from './Logo.tsx';
import { canWorkTickets, isAgent, roleLabels } from './permissions.ts';

/** The frame around every signed-in screen: header with the user menu, navigation, main area. */
export function AppLayout() {
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const user = useCurrentUser();

  // On phones the navigation is a drawer: close it once the person has picked a place to go.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => close(), [location.pathname, location.search, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={0}
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <a className="fl-skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpen}
              aria-controls="fl-navigation"
            />
            <Link to="/tickets" className="fl-brand-link" aria-label="Frontline home">
              <Logo size={26} />
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectionStatus />
            {canWorkTickets(user) && <AgentStateSwitcher />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <LiveUpdates meId={user.id} />
      {isAgent(user) && <WorkspaceShortcuts canCreate={canWorkTickets(user)} />}

      <AppShell.Navbar id="fl-navigation" aria-label="Main navigation" bg="gray.0">
        <AppShell.Section grow component={ScrollArea} px="sm" py="md">
          <Navigation />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense
            fallback={
              <Center h={240} role="status" aria-label="Loading">
                <Loader size="sm" type="dots" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation() {
  const user = useCurrentUser();
  const location = useLocation();

  if (!isAgent(user)) {
    return (
      <div>
        <NavLink
          component={Link}
          to="/tickets"
          label="My requests"
          leftSection={<IconListDetails size={18} stroke={1.7} />}
          active={location.pathname.startsWith('/tickets')}
          variant="light"
          fw={500}
          className="fl-nav-link"
        />
      </div>
    );
  }

  return (
    <>
      <ViewsNav />
      <NavLink
        component={Link}
        to="/kb"
        label="Knowledge base"
        leftSection={<IconBook2 size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/kb')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      <NavLink
        component={Link}
        to="/chat"
        label="Live chat"
        leftSection={<IconMessages size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/chat')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      <NavLink
        component={Link}
        to="/routing"
        label="Queue board"
        leftSection={<IconRoute size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/routing')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      <NavLink
        component={Link}
        to="/wfm"
        label="Workforce"
        leftSection={<IconCalendarStats size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/wfm')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      <NavLink
        component={Link}
        to="/outbound"
        label="Call lists"
        leftSection={<IconPhoneOutgoing size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/outbound')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      <NavLink
        component={Link}
        to="/qa"
        label="Quality"
        leftSection={<IconChecklist size={18} stroke={1.7} />}
        active={location.pathname.startsWith('/qa')}
        variant="light"
        fw={500}
        className="fl-nav-link"
      />
      {['analyst', 'engineer', 'manager', 'head_of_support', 'admin'].includes(user.role) && (
        <NavLink
          component={Link}
          to="/analytics"
          label="Analytics"
          leftSection={<IconChartBar size={18} stroke={1.7} />}
          active={location.pathname.startsWith('/analytics')}
          variant="light"
          fw={500}
          className="fl-nav-link"
        />
      )}
      {['analyst', 'manager', 'head_of_support', 'admin'].includes(user.role) && (
        <NavLink
          component={Link}
          to="/feedback"
          label="Customer feedback"
          leftSection={<IconMoodSmile size={18} stroke={1.7} />}
          active={location.pathname.startsWith('/feedback')}
          variant="light"
          fw={500}
          className="fl-nav-link"
        />
      )}
      <AdminNav />
    </>
  );
}

function UserMenu() {
  const { signOut } = useAuth();
  const user = useCurrentUser();
  const navigate = useNavigate();

  const handleSignOut = async () => {
    try {
      await signOut();
      navigate('/sign-in', { replace: true });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: errorMessage(error) });
    }
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className="fl-user-button" aria-label={`Account menu for ${user.name}`}>
          <Group gap={10} wrap="nowrap">
            <Avatar size={32} radius="xl" color="brand" variant="light">
              {initials(user.name)}
            </Avatar>
            <Box visibleFrom="xs" style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={600} lh={1.25} truncate maw={180}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.25}>
                {roleLabels[user.role]}
              </Text>
            </Box>
            <IconChevronDown size={14} stroke={2} color="var(--mantine-color-dimmed)" />
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
          <Text size="xs" c="dimmed">
            {roleLabels[user.role]}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void handleSignOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
