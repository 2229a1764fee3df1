import { ActionIcon, Box, Button, Center, EmptyState, Group, Menu, Paper, Text, Title, Tooltip } from '@mantine/core';
import {
  IconBookmarkPlus,
  IconCircleCheck,
  IconDots,
  IconFilterOff,
  IconInbox,
  IconMoodSmile,
  IconPencil,
  IconRefresh,
  IconSearchOff,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { canWorkTickets, isAgent } from '../../app/permissions.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { isTypingTarget, useShortcuts } from '../workspace/shortcuts.ts';
import { useAgents, useGroups, useTicketSearch, useViews } from './api.ts';
import { BulkActions, type BulkReport, BulkReportAlert } from './BulkActions.tsx';
import { SearchBox } from './SearchBox.tsx';
import { ListSkeleton, TicketResults } from './TicketTable.tsx';
import type { SavedView } from './types.ts';
import { canManageSharedViews, ViewEditor } from './ViewEditor.tsx';
import {
  DEFAULT_QUERY,
  DEFAULT_TITLE,
  defaultDirection,
  normalizeQuery,
  parseSortParam,
  rememberListPath,
  type Sort,
  type SortField,
  searchPath,
  sortOf,
  sortParam,
  viewById,
  viewByQuery,
  withSort,
} from './views.ts';

interface ListState {
  /** The expression sent to the server; undefined while the view it comes from is loading. */
  q: string | undefined;
  view: SavedView | undefined;
  /** A ?view= id that does not exist (deleted, or someone else's). */
  missingView: boolean;
  title: string;
}

function useListState(agent: boolean): ListState {
  const [params] = useSearchParams();
  const views = useViews(agent);
  if (!agent) return { q: params.get('q') ?? '', view: undefined, missingView: false, title: 'My requests' };

  const viewParam = params.get('view');
  const qParam = params.get('q');
  const sort = parseSortParam(params.get('sort'));
  if (viewParam !== null) {
    const view = viewById(views.data, Number(viewParam));
    if (!view)
      return { q: undefined, view: undefined, missingView: views.isSuccess, title: views.isSuccess ? 'View not found' : 'Tickets' };
    return { q: sort ? withSort(view.query, sort) : view.query, view, missingView: false, title: view.name };
  }
  const base = qParam ?? DEFAULT_QUERY;
  const q = sort ? withSort(base, sort) : base;
  const view = viewByQuery(views.data, base);
  const title = view?.name ?? (qParam === null ? DEFAULT_TITLE : qParam.trim() ? 'Search results' : 'All tickets');
  return { q, view, missingView: false, title };
}

export function TicketListPage() {
  const user = useCurrentUser();
  const agent = isAgent(user);
  const navigate = useNavigate();
  const location = useLocation();
  const views = useViews(agent);
  const { q, view, missingView, title } = useListState(agent);
  useDocumentTitle(title);
  useEffect(() => rememberListPath(`${location.pathname}${location.search}`), [location.pathname, location.search]);

  const search = useTicketSearch(q ?? '', q !== undefined);
  const worker = canWorkTickets(user);
  const agents = useAgents(worker);
  const groups = useGroups(worker);
  const queryError = search.error && isApiError(search.error) && search.error.status === 400 ? search.error.detail : undefined;
  const tickets = useMemo(() => search.data?.pages.flatMap((page) => page.data) ?? [], [search.data]);

  // Selection (with shift-click ranges) and the keyboard cursor.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [cursor, setCursor] = useState(-1);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [saving, setSaving] = useState(false);
  const [editingView, setEditingView] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);

  // A new search starts with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the search changes
  useEffect(() => {
    setSelected(new Set());
    anchor.current = null;
    setCursor(-1);
    setReport(null);
  }, [q]);

  const selectedTickets = tickets.filter((ticket) => selected.has(ticket.id));

  const toggle = (index: number, range: boolean) => {
    const ticket = tickets[index];
    if (!ticket) return;
    const next = new Set(selected);
    const on = !selected.has(ticket.id);
    if (range && anchor.current !== null) {
      const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      for (const item of tickets.slice(from, to + 1)) {
        if (on) next.add(item.id);
        else next.delete(item.id);
      }
    } else if (on) next.add(ticket.id);
    else next.delete(ticket.id);
    anchor.current = index;
    setSelected(next);
  };

  const toggleAll = () => {
    const all = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
    setSelected(all ? new Set() : new Set(tickets.map((ticket) => ticket.id)));
    anchor.current = null;
  };

  const moveCursor = (delta: number) => {
    if (tickets.length === 0) return;
    const next = Math.max(0, Math.min(tickets.length - 1, cursor < 0 ? 0 : cursor + delta));
    setCursor(next);
    focusRow(next);
  };

  useShortcuts(
    {
      j: () => moveCursor(1),
      k: () => moveCursor(-1),
      o: () => {
        const ticket = tickets[cursor];
        if (ticket) navigate(`/tickets/${ticket.id}`);
      },
      enter: (event) => {
        // A focused link or button does its own thing on Enter.
        const target = event.target as HTMLElement | null;
        if (target?.closest('a, button, [role="button"], input, select, textarea')) return false;
        const ticket = tickets[cursor];
        if (!ticket) return false;
        navigate(`/tickets/${ticket.id}`);
      },
      x: () => {
        if (!worker || cursor < 0) return false;
        toggle(cursor, false);
      },
      'shift+x': () => {
        if (!worker || cursor < 0) return false;
        toggle(cursor, true);
      },
      '/': () => {
        searchInput.current?.focus();
        searchInput.current?.select();
      },
      escape: (event) => {
        if (selected.size === 0 || isTypingTarget(event.target)) return false;
        setSelected(new Set());
      },
    },
    agent,
  );

  const onSearch = (text: string) => {
    if (!agent) {
      const trimmed = text.trim();
      navigate(trimmed ? `/tickets?q=${encodeURIComponent(trimmed)}` : '/tickets');
      return;
    }
    navigate(searchPath(text, views.data));
  };

  const currentSort = sortOf(q ?? '');
  const onSort = (field: SortField) => {
    const sort: Sort =
      field === currentSort.field
        ? { field, direction: currentSort.direction === 'asc' ? 'desc' : 'asc' }
        : { field, direction: defaultDirection[field] };
    if (view) {
      const inherent = sortOf(view.query);
      const same = inherent.field === sort.field && inherent.direction === sort.direction;
      navigate(same ? `/tickets?view=${view.id}` : `/tickets?view=${view.id}&sort=${sortParam(sort)}`, { replace: true });
    } else {
      navigate(`/tickets?q=${encodeURIComponent(withSort(q ?? '', sort))}`, { replace: true });
    }
  };

  const matchesView = q !== undefined && viewByQuery(views.data, q) !== undefined;
  const canSave = agent && q !== undefined && normalizeQuery(q) !== '' && !matchesView && !queryError;
  const canEditView = agent && view !== undefined && (!view.shared || canManageSharedViews(user.role));

  let body: ReactNode;
  if (missingView) {
    body = (
      <Center py={56} px="md">
        <EmptyState
          icon={<IconSearchOff size={28} stroke={1.6} />}
          withIndicatorBackground
          title="This view does not exist"
          description="It may have been deleted. Pick another view in the navigation."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/tickets" variant="light">
              Go to {DEFAULT_TITLE}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  } else if (q === undefined && views.isError) {
    body = (
      <Box p="lg">
        <ErrorState title="Could not load this view" error={views.error} onRetry={() => void views.refetch()} />
      </Box>
    );
  } else if (q === undefined || search.isPending) {
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
    body = (
      <ListEmpty
        q={q}
        isView={view !== undefined}
        agent={agent}
        onClear={() => navigate(agent ? '/tickets?q=status%3Csolved' : '/tickets')}
      />
    );
  } else {
    body = (
      <TicketResults
        tickets={tickets}
        agent={agent}
        me={user}
        selectable={worker}
        selected={selected}
        onToggle={toggle}
        onToggleAll={toggleAll}
        cursor={cursor}
        onCursor={setCursor}
        sort={currentSort}
        onSort={agent ? onSort : undefined}
      />
    );
  }

  const subtitle = !agent
    ? 'Everything you have asked our support team, newest activity first.'
    : view
      ? `${view.shared ? 'Shared view' : 'Your view'}${view.count !== null ? ` · ${view.count} ${view.count === 1 ? 'ticket' : 'tickets'}` : ''}`
      : q?.trim()
        ? ''
        : 'Every ticket you can see.';

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1440}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Box style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 22, sm: 26 }} style={{ letterSpacing: '-0.01em' }}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mt={2}>
              {subtitle}
            </Text>
          )}
        </Box>
        <Group gap="xs" wrap="nowrap">
          {canSave && (
            <Button variant="default" leftSection={<IconBookmarkPlus size={16} />} onClick={() => setSaving(true)}>
              <Text span inherit visibleFrom="xs">
                Save as view
              </Text>
              <Text span inherit hiddenFrom="xs">
                Save
              </Text>
            </Button>
          )}
          {canEditView && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="View options">
                  <IconDots size={18} stroke={1.7} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setEditingView(true)}>
                  Edit view
                </Menu.Item>
                {q !== undefined && view && normalizeQuery(q) !== normalizeQuery(view.query) && (
                  <Menu.Item leftSection={<IconBookmarkPlus size={15} />} onClick={() => setSaving(true)}>
                    Save this sorting as a new view
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
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
      </Group>

      <Box mb="md">
        <SearchBox
          value={q ?? ''}
          onSearch={onSearch}
          error={queryError}
          showSyntax={agent}
          inputRef={searchInput}
          placeholder={agent ? 'Search: status:open priority:p1 tag:vip, or any words' : 'Search your requests'}
        />
      </Box>

      {report && report.failed.length > 0 && (
        <Box mb="md">
          <BulkReportAlert report={report} onClose={() => setReport(null)} />
        </Box>
      )}

      {worker && selectedTickets.length > 0 && (
        <Box mb="sm" className="fl-bulk-sticky">
          <BulkActions
            selected={selectedTickets}
            me={user}
            agents={agents.data}
            groups={groups.data}
            onClear={() => setSelected(new Set())}
            onDone={(outcome, failedIds) => {
              setReport(outcome);
              setSelected(new Set(failedIds));
            }}
          />
        </Box>
      )}

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
      {agent && (
        <Text size="xs" c="dimmed" mt="lg" visibleFrom="sm">
          Press <kbd className="fl-kbd">?</kbd> for keyboard shortcuts
        </Text>
      )}

      <ViewEditor
        opened={saving}
        onClose={() => setSaving(false)}
        query={q ?? ''}
        canShare={canManageSharedViews(user.role)}
        onSaved={(saved) => navigate(`/tickets?view=${saved.id}`)}
      />
      <ViewEditor opened={editingView} onClose={() => setEditingView(false)} view={view} canShare={canManageSharedViews(user.role)} />
    </Box>
  );
}

/** Moves keyboard focus to a row's link in whichever layout (table or cards) is on screen. */
function focusRow(index: number) {
  const candidates = document.querySelectorAll<HTMLElement>(`[data-ticket-index="${index}"] .fl-row-link`);
  for (const element of candidates) {
    if (element.offsetParent !== null) {
      element.focus({ preventScroll: true });
      element.closest('[data-ticket-index]')?.scrollIntoView({ block: 'nearest' });
      return;
    }
  }
}

const knownEmpty: Record<string, { icon: ReactNode; title: string; description: string; action?: ReactNode }> = {
  'assignee:me status<solved': {
    icon: <IconMoodSmile size={28} stroke={1.6} />,
    title: 'Nothing waiting on you',
    description: 'No unsolved tickets are assigned to you. Pick one up from Unassigned.',
    action: (
      <Button component={Link} to="/tickets?q=assignee%3Anone%20status%3Csolved" variant="light">
        Show unassigned tickets
      </Button>
    ),
  },
  'assignee:none status<solved': {
    icon: <IconCircleCheck size={28} stroke={1.6} />,
    title: 'Every ticket has an owner',
    description: 'No unsolved ticket is waiting to be assigned.',
  },
  'status<solved': {
    icon: <IconCircleCheck size={28} stroke={1.6} />,
    title: 'All caught up',
    description: 'There are no unsolved tickets.',
  },
};

function ListEmpty({ q, isView, agent, onClear }: { q: string; isView: boolean; agent: boolean; onClear: () => void }) {
  let icon: ReactNode = <IconInbox size={28} stroke={1.6} />;
  let title = 'No tickets match this search';
  let description: ReactNode = 'Try fewer terms, or a different status.';
  let action: ReactNode = (
    <Button variant="default" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
      Show all unsolved
    </Button>
  );
  const known = knownEmpty[normalizeQuery(q).replace(/ (order_by|sort):\S+/g, '')];
  if (!agent) {
    title = q ? 'No requests match this search' : 'No requests yet';
    description = q ? 'Try other words.' : 'When you contact support, your requests show up here with their status.';
    action = q ? (
      <Button variant="default" onClick={onClear}>
        Show all requests
      </Button>
    ) : null;
  } else if (known) {
    ({ icon, title, description } = known);
    action = known.action ?? null;
  } else if (isView) {
    title = 'This view is empty';
    description = 'No tickets match it right now. It updates by itself as tickets change.';
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
