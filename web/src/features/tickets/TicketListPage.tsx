import {
  ActionIcon,
  Avatar,
  Box,
  Button,
  Center,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCircleCheck, IconFilterOff, IconInbox, IconMoodSmile, IconRefresh, IconSearchOff } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { isAgent } from '../../app/permissions.ts';
import type { User } from '../../app/types.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { useNow } from '../../app/useNow.ts';
import { useTicketSearch } from './api.ts';
import { PriorityBadge, StatusBadge } from './Badges.tsx';
import { SearchBox } from './SearchBox.tsx';
import type { Ticket } from './types.ts';
import { defaultAgentView, rememberListPath, searchPath, type TicketView, viewByQuery, viewBySlug } from './views.ts';

interface ListState {
  q: string;
  view: TicketView | undefined;
  title: string;
  subtitle: string;
}

function listState(params: URLSearchParams, agent: boolean): ListState {
  if (!agent) {
    const q = params.get('q') ?? '';
    return { q, view: undefined, title: 'My requests', subtitle: 'Everything you have asked our support team, newest activity first.' };
  }
  const fromSlug = viewBySlug(params.get('view'));
  const q = fromSlug?.q ?? params.get('q') ?? defaultAgentView.q;
  const view = fromSlug ?? (params.get('q') === null ? defaultAgentView : viewByQuery(q));
  if (view) return { q, view, title: view.name, subtitle: viewSubtitles[view.slug] ?? '' };
  return { q, view: undefined, title: q.trim() ? 'Search results' : 'All tickets', subtitle: q.trim() ? '' : 'Every ticket you can see.' };
}

const viewSubtitles: Record<string, string> = {
  mine: 'Unsolved tickets assigned to you.',
  unassigned: 'Unsolved tickets waiting for an owner.',
  unsolved: 'Every ticket that still needs work.',
  solved: 'Tickets solved and waiting to close.',
};

export function TicketListPage() {
  const user = useCurrentUser();
  const agent = isAgent(user);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { q, view, title, subtitle } = listState(params, agent);
  useDocumentTitle(title);
  const location = useLocation();
  useEffect(() => rememberListPath(`${location.pathname}${location.search}`), [location.pathname, location.search]);

  const search = useTicketSearch(q);
  const queryError = search.error && isApiError(search.error) && search.error.status === 400 ? search.error.detail : undefined;
  const tickets = search.data?.pages.flatMap((page) => page.data) ?? [];

  const onSearch = (text: string) => {
    if (!agent) {
      const trimmed = text.trim();
      navigate(trimmed ? `/tickets?q=${encodeURIComponent(trimmed)}` : '/tickets');
      return;
    }
    navigate(searchPath(text));
  };

  let body: ReactNode;
  if (search.isPending) {
    body = <ListSkeleton agent={agent} />;
  } else if (queryError && !search.data) {
    body = (
      <EmptyState
        py={56}
        icon={<IconSearchOff size={28} stroke={1.6} />}
        withIndicatorBackground
        title="This search has a mistake"
        description="Fix the expression above (the message says where) and press Enter."
      />
    );
  } else if (!search.data) {
    body = (
      <Box p="lg">
        <ErrorState title="Could not load tickets" error={search.error} onRetry={() => void search.refetch()} />
      </Box>
    );
  } else if (tickets.length === 0) {
    body = <ListEmpty view={view} q={q} agent={agent} onClear={() => navigate(agent ? '/tickets?view=unsolved' : '/tickets')} />;
  } else {
    body = <TicketResults tickets={tickets} agent={agent} user={user} />;
  }

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1440}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Box>
          <Title order={1} fz={{ base: 22, sm: 26 }} style={{ letterSpacing: '-0.01em' }}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mt={2}>
              {subtitle}
            </Text>
          )}
        </Box>
        <Tooltip label="Refresh">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Refresh tickets"
            onClick={() => void search.refetch()}
            loading={search.isFetching && !search.isFetchingNextPage && !search.isPending}
          >
            <IconRefresh size={18} stroke={1.7} />
          </ActionIcon>
        </Tooltip>
      </Group>

      <Box mb="md">
        <SearchBox
          value={q}
          onSearch={onSearch}
          error={queryError}
          showSyntax={agent}
          placeholder={agent ? 'Search: status:open priority:p1 tag:vip, or any words' : 'Search your requests'}
        />
      </Box>

      <Paper withBorder radius="md" style={{ overflow: 'hidden' }} aria-busy={search.isPending}>
        {body}
      </Paper>

      {tickets.length > 0 && (
        <Group justify="space-between" mt="md" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            Showing {tickets.length} {tickets.length === 1 ? 'ticket' : 'tickets'}
            {search.hasNextPage ? '' : ' · that is all'}
          </Text>
          {search.hasNextPage && (
            <Button variant="default" onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Group>
      )}
      {search.isFetchNextPageError && (
        <Box mt="sm">
          <ErrorState title="Could not load more tickets" error={search.error} onRetry={() => void search.fetchNextPage()} />
        </Box>
      )}
    </Box>
  );
}

function TicketResults({ tickets, agent, user }: { tickets: Ticket[]; agent: boolean; user: User }) {
  const navigate = useNavigate();
  const now = useNow();
  const open = (id: number) => navigate(`/tickets/${id}`);

  return (
    <>
      <Table.ScrollContainer minWidth={agent ? 880 : 560} visibleFrom="sm" type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover={false} stickyHeader>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Th w={80}>ID</Th>
              <Th>Subject</Th>
              {agent && <Th w="13%">Requester</Th>}
              <Th w={agent ? 100 : 170}>Status</Th>
              {agent && <Th w={84}>Priority</Th>}
              {agent && <Th w="14%">Assignee</Th>}
              <Th w={112}>Updated</Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tickets.map((ticket) => (
              <Table.Tr
                key={ticket.id}
                className="fl-ticket-row"
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  open(ticket.id);
                }}
              >
                <Table.Td>
                  <Text size="sm" c="dimmed" ff="monospace">
                    #{ticket.id}
                  </Text>
                </Table.Td>
                <Table.Td maw={0}>
                  <Link to={`/tickets/${ticket.id}`} className="fl-row-link">
                    <Text span size="sm" fw={600} truncate="end" display="block">
                      {ticket.subject}
                    </Text>
                  </Link>
                  {ticket.tags.length > 0 && (
                    <Text size="xs" c="dimmed" truncate="end" mt={2}>
                      {ticket.tags.map((tag) => `#${tag}`).join('  ')}
                    </Text>
                  )}
                </Table.Td>
                {agent && (
                  <Table.Td maw={0}>
                    <Text size="sm" truncate="end">
                      {ticket.requester.name}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <StatusBadge status={ticket.status} customer={!agent} />
                </Table.Td>
                {agent && (
                  <Table.Td>
                    <PriorityBadge priority={ticket.priority} />
                  </Table.Td>
                )}
                {agent && (
                  <Table.Td maw={0}>
                    <Assignee ticket={ticket} meId={user.id} />
                  </Table.Td>
                )}
                <Table.Td>
                  <Tooltip label={formatDateTime(ticket.updated_at)}>
                    <Text size="sm" c="dimmed" component="time" dateTime={ticket.updated_at} style={{ whiteSpace: 'nowrap' }}>
                      {relativeTime(ticket.updated_at, now)}
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {/* Phones get a stacked list instead of a table that would need sideways scrolling. */}
      <Box component="ul" hiddenFrom="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Tickets">
        {tickets.map((ticket, index) => (
          <Box component="li" key={ticket.id} style={index > 0 ? { borderTop: '1px solid var(--fl-border)' } : undefined}>
            <Link to={`/tickets/${ticket.id}`} className="fl-ticket-card">
              <Stack gap={6} px="md" py={12}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="xs" c="dimmed" truncate="end">
                    <Text span ff="monospace" inherit>
                      #{ticket.id}
                    </Text>
                    {agent ? ` · ${ticket.requester.name}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {relativeTime(ticket.updated_at, now)}
                  </Text>
                </Group>
                <Text fw={600} size="sm" lineClamp={2}>
                  {ticket.subject}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <StatusBadge status={ticket.status} customer={!agent} />
                  {agent && <PriorityBadge priority={ticket.priority} />}
                  {agent && (
                    <Box style={{ minWidth: 0 }} ml={4}>
                      <Assignee ticket={ticket} meId={user.id} compact />
                    </Box>
                  )}
                </Group>
              </Stack>
            </Link>
          </Box>
        ))}
      </Box>
    </>
  );
}

function Th({ children, w }: { children: ReactNode; w?: number | string }) {
  return (
    <Table.Th w={w} fz="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}>
      {children}
    </Table.Th>
  );
}

function Assignee({ ticket, meId, compact = false }: { ticket: Ticket; meId: number; compact?: boolean }) {
  if (!ticket.assignee) {
    return (
      <Text size={compact ? 'xs' : 'sm'} c="dimmed" fs="italic">
        Unassigned
      </Text>
    );
  }
  const me = ticket.assignee.id === meId;
  return (
    <Group gap={8} wrap="nowrap">
      {!compact && (
        <Avatar size={22} radius="xl" color={me ? 'brand' : 'gray'} variant="light" fz={10}>
          {initials(ticket.assignee.name)}
        </Avatar>
      )}
      <Text size={compact ? 'xs' : 'sm'} truncate="end" c={compact ? 'dimmed' : undefined} fw={me && !compact ? 500 : undefined}>
        {me ? 'You' : ticket.assignee.name}
      </Text>
    </Group>
  );
}

function ListSkeleton({ agent }: { agent: boolean }) {
  return (
    <Box role="status" aria-label="Loading tickets">
      <Box visibleFrom="sm">
        <Group px="md" py={12} bg="gray.0" style={{ borderBottom: '1px solid var(--fl-border)' }}>
          <Skeleton h={10} w={40} />
          <Skeleton h={10} w={80} />
        </Group>
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Group key={index} px="md" py={14} gap="lg" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Skeleton h={12} w={44} />
            <Skeleton h={12} style={{ flex: 1 }} maw={`${50 + ((index * 13) % 35)}%`} />
            {agent && <Skeleton h={12} w={110} />}
            <Skeleton h={20} w={64} radius="sm" />
            {agent && <Skeleton h={20} w={40} radius="sm" />}
            {agent && <Skeleton h={12} w={100} />}
            <Skeleton h={12} w={70} />
          </Group>
        ))}
      </Box>
      <Stack hiddenFrom="sm" gap={0}>
        {Array.from({ length: 6 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Stack key={index} gap={8} px="md" py={14} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Skeleton h={10} w="40%" />
            <Skeleton h={14} w="85%" />
            <Group gap={6}>
              <Skeleton h={18} w={56} radius="sm" />
              <Skeleton h={18} w={36} radius="sm" />
            </Group>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

function ListEmpty({ view, q, agent, onClear }: { view: TicketView | undefined; q: string; agent: boolean; onClear: () => void }) {
  let icon = <IconInbox size={28} stroke={1.6} />;
  let title = 'No tickets match this search';
  let description: ReactNode = 'Try fewer terms, or a different status.';
  let action: ReactNode = (
    <Button variant="default" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
      Show all unsolved
    </Button>
  );
  if (!agent) {
    icon = <IconInbox size={28} stroke={1.6} />;
    title = q ? 'No requests match this search' : 'No requests yet';
    description = q ? 'Try other words.' : 'When you contact support, your requests show up here with their status.';
    action = q ? (
      <Button variant="default" onClick={onClear}>
        Show all requests
      </Button>
    ) : null;
  } else if (view?.slug === 'mine') {
    icon = <IconMoodSmile size={28} stroke={1.6} />;
    title = 'Nothing waiting on you';
    description = 'No unsolved tickets are assigned to you. Pick one up from Unassigned.';
    action = (
      <Button component={Link} to="/tickets?view=unassigned" variant="light">
        Go to Unassigned
      </Button>
    );
  } else if (view?.slug === 'unassigned') {
    icon = <IconCircleCheck size={28} stroke={1.6} />;
    title = 'Every ticket has an owner';
    description = 'No unsolved ticket is waiting to be assigned.';
    action = null;
  } else if (view?.slug === 'unsolved') {
    icon = <IconCircleCheck size={28} stroke={1.6} />;
    title = 'All caught up';
    description = 'There are no unsolved tickets.';
    action = null;
  } else if (view?.slug === 'solved') {
    title = 'No solved tickets';
    description = 'Tickets appear here once they are solved, until they close.';
    action = null;
  }
  return (
    <Center py={56} px="md">
      <EmptyState icon={icon} withIndicatorBackground title={title} description={description}>
        {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
      </EmptyState>
    </Center>
  );
}
