import { Alert, Anchor, Avatar, Box, Group, Paper, Skeleton, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowMerge, IconHistory, IconMessages } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { canReply, canWorkTickets, isAgent } from '../../app/permissions.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { useShortcuts } from '../workspace/shortcuts.ts';
import { useStreamMessages, useTicketPresence } from '../workspace/stream.ts';
import {
  useAgents,
  useCategories,
  useComments,
  useCustomFields,
  useEvents,
  useGroups,
  useResolutionCodes,
  useTicket,
  useTicketSettings,
} from './api.ts';
import { PriorityBadge, SlaBadge, StatusBadge, TypeBadge } from './Badges.tsx';
import { useNow } from '../../app/useNow.ts';
import { Conversation } from './Conversation.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { HistoryList } from './HistoryList.tsx';
import { channelLabel } from './labels.ts';
import { LinksPanel } from './LinksPanel.tsx';
import { type LiveChange, LiveChangeNotice, PresenceNotice } from './LiveIndicators.tsx';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { ReplyBox, type ReplyControls } from './ReplyBox.tsx';
import { MacroPicker } from '../automation/MacroPicker.tsx';
import classes from './TicketDetailPage.module.css';
import type { Ticket } from './types.ts';
import { lastListPath } from './views.ts';

export function TicketDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const user = useCurrentUser();
  const agent = isAgent(user);
  const worker = canWorkTickets(user);
  const navigate = useNavigate();
  const ticket = useTicket(id);
  const comments = useComments(id);
  const events = useEvents(id, agent);
  const agents = useAgents(agent);
  const groups = useGroups(agent);
  const categories = useCategories(agent);
  const customFields = useCustomFields(agent);
  const resolutionCodes = useResolutionCodes(agent);
  const settings = useTicketSettings(agent);

  const [tab, setTab] = useState<string | null>('conversation');
  const [drafting, setDrafting] = useState(false);
  const [liveChange, setLiveChange] = useState<LiveChange | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const reply = useRef<ReplyControls>(null);
  const aside = useRef<HTMLElement>(null);

  // A change the API refused because of a field (e.g. a resolution code needed to solve): show that field.
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    const frame = window.requestAnimationFrame(() =>
      aside.current?.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
    );
    return () => window.cancelAnimationFrame(frame);
  }, [fieldErrors]);

  // Tell other agents this ticket is open here (and whether a reply is being written); hear who else is.
  const viewers = useTicketPresence(id, agent ? (drafting ? 'replying' : 'viewing') : null, user.id);

  useStreamMessages((message) => {
    if (message.type !== 'ticket.changed' || message.ticket_id !== id || message.actor_user_id === user.id) return;
    setLiveChange({ key: Date.now(), actorId: message.actor_user_id, types: message.types, fields: message.fields });
  });
  const dismissLiveChange = useCallback(() => setLiveChange(null), []);
  const onDraftChange = useCallback((hasDraft: boolean) => setDrafting(hasDraft), []);

  useShortcuts(
    {
      r: () => {
        if (!canReply(user)) return false;
        setTab('conversation');
        window.setTimeout(() => reply.current?.focus('public'));
      },
      n: () => {
        if (!worker) return false;
        setTab('conversation');
        window.setTimeout(() => reply.current?.focus('internal'));
      },
      'g l': () => navigate(lastListPath()),
    },
    agent,
  );

  useDocumentTitle(ticket.data ? `#${ticket.data.id} ${ticket.data.subject}` : `Ticket #${params.id ?? ''}`);

  if (!Number.isInteger(id) || id <= 0 || (isApiError(ticket.error) && ticket.error.status === 404)) {
    return (
      <NotFoundPage title="Ticket not found" message={`Ticket #${params.id ?? ''} does not exist, or you do not have access to it.`} />
    );
  }

  const back = (
    <Anchor component={Link} to={lastListPath()} size="sm" c="dimmed" className={classes.back} aria-keyshortcuts="g l">
      <IconArrowLeft size={15} aria-hidden="true" />
      {agent ? 'Back to tickets' : 'Back to my requests'}
    </Anchor>
  );

  if (ticket.isPending) {
    return (
      <Box className={classes.page}>
        {back}
        <DetailSkeleton />
      </Box>
    );
  }
  if (!ticket.data) {
    return (
      <Box className={classes.page}>
        {back}
        <Box mt="md" maw={640}>
          <ErrorState title="Could not load this ticket" error={ticket.error} onRetry={() => void ticket.refetch()} />
        </Box>
      </Box>
    );
  }

  const data = ticket.data;
  const conversation = (
    <>
      {comments.isPending ? (
        <ConversationSkeleton />
      ) : comments.isError ? (
        <ErrorState title="Could not load the conversation" error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <Paper withBorder p="lg" ta="center">
          <Text c="dimmed" size="sm">
            No messages yet.
          </Text>
        </Paper>
      ) : (
        <Conversation comments={comments.data} events={events.data} agents={agents.data} groups={groups.data} viewerCustomer={!agent} />
      )}
    </>
  );

  return (
    <Box className={classes.page}>
      {back}
      <TicketHeader ticket={data} agent={agent} />
      {data.merged_into_id !== null && (
        <Alert color="gray" variant="light" mb="md" icon={<IconArrowMerge size={18} />} title="This ticket was merged">
          <Text size="sm">
            Its conversation continues in{' '}
            <Anchor component={Link} to={`/tickets/${data.merged_into_id}`} fw={600} inherit>
              ticket #{data.merged_into_id}
            </Anchor>
            .
          </Text>
        </Alert>
      )}
      {liveChange && <LiveChangeNotice key={liveChange.key} change={liveChange} agents={agents.data} onClose={dismissLiveChange} />}
      <Box className={classes.layout}>
        <Box component="section" aria-label="Ticket" className={classes.main}>
          {agent ? (
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="conversation" leftSection={<IconMessages size={16} />}>
                  Conversation
                </Tabs.Tab>
                <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
                  History{events.data ? ` (${events.data.length})` : ''}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="conversation">{conversation}</Tabs.Panel>
              <Tabs.Panel value="history">
                <HistoryList
                  events={events.data}
                  loading={events.isPending}
                  error={events.error}
                  onRetry={() => void events.refetch()}
                  agents={agents.data}
                  groups={groups.data}
                  categories={categories.data}
                  customFields={customFields.data}
                  resolutionCodes={resolutionCodes.data}
                />
              </Tabs.Panel>
            </Tabs>
          ) : (
            conversation
          )}
          {canReply(user) && (
            <Box mt="lg">
              {agent && <PresenceNotice viewers={viewers} />}
              {worker && <MacroPicker ticketId={data.id} version={data.version} />}
              <ReplyBox ticket={data} agentMode={worker} controls={reply} onDraftChange={onDraftChange} onFieldErrors={setFieldErrors} />
            </Box>
          )}
        </Box>
        <Box component="aside" aria-label="Ticket properties" className={classes.aside} ref={aside}>
          <Stack gap="md">
            {agent && <CustomerPanel ticket={data} />}
            <PropertiesPanel
              ticket={data}
              me={user}
              editable={worker && data.status !== 'closed'}
              agentView={agent}
              agents={agents.data}
              groups={groups.data}
              agentsLoading={agents.isPending}
              categories={categories.data}
              customFields={customFields.data}
              resolutionCodes={resolutionCodes.data}
              resolutionRequired={settings.data?.resolution_code_required ?? false}
              fieldErrors={fieldErrors}
              onFieldErrors={setFieldErrors}
            />
            {agent && <LinksPanel ticketId={data.id} editable={worker && data.status !== 'closed'} />}
          </Stack>
        </Box>
      </Box>
    </Box>
  );
}

function TicketHeader({ ticket, agent }: { ticket: Ticket; agent: boolean }) {
  const now = useNow();
  return (
    <Box component="header" mt="sm" mb="lg">
      <Title order={1} className={classes.title}>
        {ticket.subject}
      </Title>
      <Group gap={8} mt={10}>
        <Text size="sm" c="dimmed" ff="monospace">
          #{ticket.id}
        </Text>
        <StatusBadge status={ticket.status} size="md" customer={!agent} />
        {agent && <PriorityBadge priority={ticket.priority} size="md" long />}
        {agent && <SlaBadge sla={ticket.sla} now={now} size="md" long />}
        {agent && <TypeBadge type={ticket.type} size="md" />}
        {ticket.tags.length > 0 && agent && (
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {ticket.tags.map((tag) => `#${tag}`).join('  ')}
          </Text>
        )}
      </Group>
      {agent && (
        <Group gap={10} mt="md" wrap="nowrap">
          <Avatar size={28} radius="xl" color="teal" variant="light" aria-hidden="true">
            {initials(ticket.requester.name)}
          </Avatar>
          <Text size="sm" style={{ minWidth: 0 }}>
            <Text span fw={600} inherit>
              {ticket.requester.name}
            </Text>
            {ticket.requester.email && (
              <Text span c="dimmed" inherit>
                {' '}
                &lt;{ticket.requester.email}&gt;
              </Text>
            )}
            <Text span c="dimmed" inherit>
              {' '}
              · via {channelLabel(ticket.channel)} ·{' '}
              <Tooltip label={formatDateTime(ticket.created_at)}>
                <Text span inherit component="time" dateTime={ticket.created_at}>
                  opened {relativeTime(ticket.created_at)}
                </Text>
              </Tooltip>
            </Text>
          </Text>
        </Group>
      )}
    </Box>
  );
}

function DetailSkeleton() {
  return (
    <Box role="status" aria-label="Loading ticket">
      <Skeleton h={28} w="55%" mt="md" />
      <Group gap={8} mt={14}>
        <Skeleton h={22} w={48} />
        <Skeleton h={22} w={64} radius="sm" />
        <Skeleton h={22} w={88} radius="sm" />
      </Group>
      <Box className={classes.layout} mt="xl">
        <Box className={classes.main}>
          <ConversationSkeleton />
        </Box>
        <Box className={classes.aside}>
          <Paper withBorder p="md">
            <Stack gap="md">
              {Array.from({ length: 5 }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
                <Stack key={index} gap={6}>
                  <Skeleton h={10} w="30%" />
                  <Skeleton h={34} />
                </Stack>
              ))}
            </Stack>
          </Paper>
        </Box>
      </Box>
    </Box>
  );
}

function ConversationSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading conversation">
      {[80, 55, 70].map((width) => (
        <Group key={width} align="flex-start" wrap="nowrap" gap="sm">
          <Skeleton h={36} w={36} circle />
          <Paper withBorder p="md" style={{ flex: 1 }}>
            <Skeleton h={12} w={160} mb="md" />
            <Skeleton h={10} w={`${width}%`} mb={8} />
            <Skeleton h={10} w={`${width - 20}%`} />
          </Paper>
        </Group>
      ))}
    </Stack>
  );
}
