import {
  Anchor,
  Box,
  Button,
  CloseButton,
  EmptyState,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconClock, IconInbox, IconMessageCircleQuestion, IconPlus, IconSearch, IconSearchOff } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { useNow } from '../../app/useNow.ts';
import { PortalSurveys } from '../feedback/PortalSurveys.tsx';
import { customerSearch, type PortalTicket, useMyRequests } from './api.ts';
import classes from './portal.module.css';
import { newRequestPath, requestPath } from './routing.tsx';
import { customerStatus, StatusPill } from './StatusPill.tsx';

type Show = 'all' | 'open' | 'solved';

const filters: Record<Show, string> = { all: '', open: 'status<solved', solved: 'status>=solved' };

/** /portal: the customer's own requests with their status in plain words, newest activity first. */
export function MyRequestsPage() {
  useDocumentTitle('My requests');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const show: Show = params.get('show') === 'open' ? 'open' : params.get('show') === 'solved' ? 'solved' : 'all';
  const text = params.get('q') ?? '';
  const q = [filters[show], customerSearch(text)].filter(Boolean).join(' ');
  const requests = useMyRequests(q);
  const tickets = requests.data?.pages.flatMap((page) => page.data) ?? [];
  const waiting = tickets.filter((ticket) => ticket.status === 'pending');
  const hasAny = !(show === 'all' && !text && requests.data && tickets.length === 0);
  const firstName = user.name.trim().split(/\s+/)[0] ?? user.name;

  const update = (next: { show?: Show; q?: string }) => {
    const merged = { show, q: text, ...next };
    const search = new URLSearchParams();
    if (merged.show !== 'all') search.set('show', merged.show);
    if (merged.q.trim()) search.set('q', merged.q.trim());
    setParams(search, { replace: true });
  };

  let body: ReactNode;
  if (requests.isPending) body = <ListSkeleton />;
  else if (!requests.data)
    body = (
      <Box p="lg">
        <ErrorState title="Could not load your requests" error={requests.error} onRetry={() => void requests.refetch()} />
      </Box>
    );
  else if (tickets.length === 0) body = <Empty show={show} text={text} onReset={() => update({ show: 'all', q: '' })} />;
  else body = <RequestList tickets={tickets} />;

  return (
    <>
      <Box className={classes.hero}>
        <Box className={classes.container}>
          <Group justify="space-between" align="flex-end" gap="lg">
            <Box maw={620}>
              <Title order={1} className={classes.heroTitle}>
                Hi {firstName}, how can we help?
              </Title>
              <Text size="lg" c="gray.7" mt={8}>
                Send us a request and follow the whole conversation here.
              </Text>
            </Box>
            <Button component={Link} to={newRequestPath} size="md" radius="xl" leftSection={<IconPlus size={18} stroke={2.2} />}>
              New request
            </Button>
          </Group>
        </Box>
      </Box>

      <Box className={`${classes.container} ${classes.section}`}>
        <PortalSurveys />
        <Title order={2} fz={20} mb="sm">
          Your requests
        </Title>
        {/* A brand-new customer has nothing to filter yet. */}
        <Box className={classes.filters} style={hasAny ? undefined : { display: 'none' }}>
          <SegmentedControl
            radius="xl"
            value={show}
            onChange={(value) => update({ show: value as Show })}
            aria-label="Show requests"
            data={[
              { value: 'all', label: 'All' },
              { value: 'open', label: 'Open' },
              { value: 'solved', label: 'Solved' },
            ]}
          />
          <SearchField value={text} onSearch={(value) => update({ q: value })} />
        </Box>

        {waiting.length > 0 && (
          <Box className={classes.banner} data-tone="action" mb="md">
            <IconClock size={20} aria-hidden="true" style={{ flex: 'none', marginTop: 1 }} />
            <Text size="sm" inherit>
              <b>{waiting.length === 1 ? 'One request is' : `${waiting.length} requests are`} waiting for your reply.</b>{' '}
              {waiting.length === 1 && waiting[0] ? (
                <Anchor component={Link} to={requestPath(waiting[0].id)} inherit c="inherit" underline="always">
                  Open “{waiting[0].subject}”
                </Anchor>
              ) : (
                'Open them below to answer our questions.'
              )}
            </Text>
          </Box>
        )}

        <Box className={classes.card} aria-busy={requests.isPending}>
          {body}
        </Box>

        {tickets.length > 0 && (
          <Group justify="space-between" mt="md" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {tickets.length} {tickets.length === 1 ? 'request' : 'requests'}
              {requests.hasNextPage ? ' so far' : ''}
            </Text>
            {requests.hasNextPage && (
              <Button variant="default" radius="xl" onClick={() => void requests.fetchNextPage()} loading={requests.isFetchingNextPage}>
                Show more
              </Button>
            )}
          </Group>
        )}
        {requests.isFetchNextPageError && (
          <Box mt="sm">
            <ErrorState title="Could not load more requests" error={requests.error} onRetry={() => void requests.fetchNextPage()} />
          </Box>
        )}
      </Box>
    </>
  );
}

function SearchField({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text);
  };
  return (
    <Box component="form" role="search" onSubmit={submit}>
      <TextInput
        aria-label="Search your requests"
        placeholder="Search your requests"
        radius="xl"
        leftSection={<IconSearch size={16} stroke={1.8} />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        rightSection={
          text ? (
            <CloseButton
              size="sm"
              aria-label="Clear search"
              onClick={() => {
                setText('');
                onSearch('');
              }}
            />
          ) : null
        }
      />
    </Box>
  );
}

function RequestList({ tickets }: { tickets: PortalTicket[] }) {
  const now = useNow();
  return (
    <>
      <Group
        px={22}
        py={10}
        visibleFrom="sm"
        className="fl-portal-list-head"
        style={{ borderBottom: '1px solid #eceef4' }}
        aria-hidden="true"
      >
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ flex: 1, letterSpacing: '0.05em' }}>
          Request
        </Text>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" w={190} style={{ letterSpacing: '0.05em' }}>
          Status
        </Text>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" w={120} style={{ letterSpacing: '0.05em' }}>
          Last update
        </Text>
      </Group>
      <ul className={classes.requestList} aria-label="Your requests">
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <Link to={requestPath(ticket.id)} className={classes.requestRow}>
              <Box style={{ minWidth: 0 }}>
                <Text className={classes.requestSubject}>{ticket.subject}</Text>
                <Text size="sm" c="dimmed" mt={2}>
                  #{ticket.id}
                  {ticket.category ? ` · ${ticket.category.name}` : ''} · opened {relativeTime(ticket.created_at, now)}
                </Text>
              </Box>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Tooltip label={customerStatus[ticket.status].hint} multiline maw={260}>
                  <span>
                    <StatusPill status={ticket.status} />
                  </span>
                </Tooltip>
                <Text size="sm" c="dimmed" hiddenFrom="sm" component="time" dateTime={ticket.updated_at}>
                  Updated {relativeTime(ticket.updated_at, now)}
                </Text>
              </Group>
              <Text
                size="sm"
                c="gray.7"
                visibleFrom="sm"
                component="time"
                dateTime={ticket.updated_at}
                title={formatDateTime(ticket.updated_at)}
              >
                {relativeTime(ticket.updated_at, now)}
              </Text>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function ListSkeleton() {
  return (
    <Stack gap={0} role="status" aria-label="Loading your requests">
      {[72, 55, 64, 48].map((width, index) => (
        <Group key={width} px={22} py={18} gap="lg" wrap="nowrap" style={index > 0 ? { borderTop: '1px solid #eceef4' } : undefined}>
          <Stack gap={8} style={{ flex: 1 }}>
            <Skeleton h={14} w={`${width}%`} />
            <Skeleton h={10} w="30%" />
          </Stack>
          <Skeleton h={22} w={110} radius="xl" visibleFrom="sm" />
          <Skeleton h={12} w={70} visibleFrom="sm" />
        </Group>
      ))}
    </Stack>
  );
}

function Empty({ show, text, onReset }: { show: Show; text: string; onReset: () => void }) {
  if (text || show !== 'all') {
    return (
      <Box py={56} px="md">
        <EmptyState
          icon={text ? <IconSearchOff size={28} stroke={1.6} /> : <IconInbox size={28} stroke={1.6} />}
          withIndicatorBackground
          title={text ? `No requests match “${text}”` : show === 'open' ? 'No open requests' : 'No solved requests yet'}
          description={
            text
              ? 'Try other words, or look through all your requests.'
              : show === 'open'
                ? 'Everything you asked us about is solved.'
                : 'Solved requests appear here.'
          }
        >
          <EmptyState.Actions>
            <Button variant="default" radius="xl" onClick={onReset}>
              Show all requests
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Box>
    );
  }
  return (
    <Box py={64} px="md">
      <EmptyState
        icon={<IconMessageCircleQuestion size={30} stroke={1.6} />}
        variant="light"
        title="No requests yet"
        description="When you need help, send us a request. Our answers and your replies will all be here."
      >
        <EmptyState.Actions>
          <Button component={Link} to={newRequestPath} radius="xl" leftSection={<IconPlus size={16} />}>
            Send your first request
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Box>
  );
}
