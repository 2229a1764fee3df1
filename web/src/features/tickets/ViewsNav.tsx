import { ActionIcon, Badge, Box, Button, Group, Menu, Modal, NavLink, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClockPause,
  IconDots,
  IconFilter,
  IconFlame,
  IconInbox,
  IconPencil,
  IconPlus,
  IconRefresh,
  IconTrash,
  IconUserCircle,
  IconUserQuestion,
  type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { canWorkTickets } from '../../app/permissions.ts';
import { useDeleteView, useViews } from './api.ts';
import type { SavedView } from './types.ts';
import { canManageSharedViews, ViewEditor } from './ViewEditor.tsx';
import { DEFAULT_QUERY, normalizeQuery, viewByQuery, viewPath } from './views.ts';

/** Icons for the default views, recognised by their search; other views get a filter icon. */
function iconFor(view: SavedView): Icon {
  const q = normalizeQuery(view.query);
  if (q.includes('assignee:me')) return IconUserCircle;
  if (q.includes('assignee:none')) return IconUserQuestion;
  if (q.startsWith('priority<')) return IconFlame;
  if (q.includes('status:pending')) return IconClockPause;
  if (q.includes('status:solved')) return IconCircleCheck;
  if (q === 'status<solved') return IconInbox;
  return IconFilter;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** The view the list shows right now, if it is one. */
export function useCurrentViewId(views: SavedView[] | undefined): number | undefined {
  const location = useLocation();
  const [params] = useSearchParams();
  if (location.pathname !== '/tickets') return undefined;
  const id = Number(params.get('view'));
  if (Number.isInteger(id) && id > 0) return id;
  const q = params.get('q');
  return viewByQuery(views, q ?? DEFAULT_QUERY)?.id;
}

/** The agent navigation: "New ticket", then shared and personal views with live counts. */
export function ViewsNav() {
  const user = useCurrentUser();
  const views = useViews();
  const currentId = useCurrentViewId(views.data);
  const navigate = useNavigate();
  const [editing, setEditing] = useState<SavedView | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const remove = useDeleteView();
  const canShare = canManageSharedViews(user.role);

  const shared = views.data?.filter((view) => view.shared) ?? [];
  const personal = views.data?.filter((view) => !view.shared) ?? [];

  const confirmDelete = () => {
    if (!deleting) return;
    const view = deleting;
    remove.mutate(view.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `View “${view.name}” deleted` });
        setDeleting(null);
        if (currentId === view.id) navigate('/tickets');
      },
      onError: (error) => notifications.show({ color: 'red', title: 'Could not delete the view', message: errorMessage(error) }),
    });
  };

  const item = (view: SavedView) => {
    const ViewIcon = iconFor(view);
    const active = currentId === view.id;
    const editable = !view.shared || canShare;
    return (
      <Group key={view.id} gap={0} wrap="nowrap" className="fl-view-item" data-active={active || undefined}>
        <NavLink
          component={Link}
          to={viewPath(view)}
          label={view.name}
          leftSection={<ViewIcon size={18} stroke={1.7} />}
          rightSection={
            <Badge size="sm" radius="xl" variant={active ? 'filled' : 'light'} color={active ? 'brand' : 'gray'} className="fl-view-count">
              {view.count === null ? '–' : view.count >= 10_000 ? compact.format(view.count) : view.count}
              <VisuallyHidden>{view.count === null ? ' (count unavailable)' : view.count === 1 ? ' ticket' : ' tickets'}</VisuallyHidden>
            </Badge>
          }
          active={active}
          aria-current={active ? 'page' : undefined}
          variant="light"
          className="fl-nav-link"
          title={view.query}
          style={{ flex: 1, minWidth: 0 }}
        />
        {editable && (
          <Menu position="bottom-end" withinPortal width={180}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Options for view ${view.name}`} className="fl-view-menu">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setEditing(view)}>
                Edit view
              </Menu.Item>
              <Menu.Item leftSection={<IconTrash size={15} />} color="red" onClick={() => setDeleting(view)}>
                Delete view
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    );
  };

  return (
    <Box>
      {canWorkTickets(user) && (
        <Button component={Link} to="/tickets/new" fullWidth leftSection={<IconPlus size={16} />} mb="md" aria-keyshortcuts="c">
          New ticket
        </Button>
      )}
      <SectionTitle>Views</SectionTitle>
      {views.isPending ? (
        <Stack gap={10} px="sm" py={6} role="status" aria-label="Loading views">
          {[70, 55, 62, 48].map((width) => (
            <Group key={width} justify="space-between" wrap="nowrap">
              <Skeleton h={12} w={`${width}%`} />
              <Skeleton h={16} w={24} radius="xl" />
            </Group>
          ))}
        </Stack>
      ) : views.isError && !views.data ? (
        <Stack gap={6} px="sm" py={4} role="alert">
          <Group gap={6} wrap="nowrap" c="red.8">
            <IconAlertTriangle size={16} aria-hidden="true" />
            <Text size="sm">Views could not load.</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {errorMessage(views.error)}
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconRefresh size={12} />}
            onClick={() => void views.refetch()}
            w="fit-content"
          >
            Try again
          </Button>
        </Stack>
      ) : (
        <>
          <nav aria-label="Shared views">{shared.map(item)}</nav>
          <SectionTitle mt="lg">Your views</SectionTitle>
          {personal.length > 0 ? (
            <nav aria-label="Your views">{personal.map(item)}</nav>
          ) : (
            <Text size="xs" c="dimmed" px="sm">
              Search for tickets, then choose “Save as view” to keep the search here.
            </Text>
          )}
        </>
      )}

      <ViewEditor opened={editing !== null} onClose={() => setEditing(null)} view={editing ?? undefined} canShare={canShare} />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete view?" centered size="sm">
        <Text size="sm">
          “{deleting?.name}” will be removed {deleting?.shared ? 'for everyone' : 'from your navigation'}. The tickets are not affected.
        </Text>
        <Group justify="flex-end" mt="lg" gap="sm">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button color="red" onClick={confirmDelete} loading={remove.isPending}>
            Delete view
          </Button>
        </Group>
      </Modal>
    </Box>
  );
}

function SectionTitle({ children, mt }: { children: string; mt?: string }) {
  return (
    <Text
      component="h2"
      mx={0}
      mb={0}
      mt={mt ?? 0}
      size="xs"
      fw={700}
      c="dimmed"
      tt="uppercase"
      px="sm"
      pb={6}
      style={{ letterSpacing: '0.06em' }}
    >
      {children}
    </Text>
  );
}
