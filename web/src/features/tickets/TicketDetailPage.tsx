import { Anchor, Avatar, Box, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { canReply, canWorkTickets, isAgent } from '../../app/permissions.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { useAgents, useComments, useEvents, useGroups, useTicket } from './api.ts';
import { PriorityBadge, StatusBadge, TypeBadge } from './Badges.tsx';
import { Conversation } from './Conversation.tsx';
import { channelLabel } from './labels.ts';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import classes from './TicketDetailPage.module.css';
import type { Ticket } from './types.ts';
import { lastListPath } from './views.ts';

export function TicketDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const user = useCurrentUser();
  const agent = isAgent(user);
  const ticket = useTicket(id);
  const comments = useComments(id);
  const events = useEvents(id, agent);
  const agents = useAgents(agent);
  const groups = useGroups(agent);

  useDocumentTitle(ticket.data ? `#${ticket.data.id} ${ticket.data.subject}` : `Ticket #${params.id ?? ''}`);

  if (!Number.isInteger(id) || id <= 0 || (isApiError(ticket.error) && ticket.error.status === 404)) {
    return (
      <NotFoundPage title="Ticket not found" message={`Ticket #${params.id ?? ''} does not exist, or you do not have access to it.`} />
    );
  }

  const back = (
    <Anchor component={Link} to={lastListPath()} size="sm" c="dimmed" className={classes.back}>
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
  return (
    <Box className={classes.page}>
      {back}
      <TicketHeader ticket={data} agent={agent} />
      <Box className={classes.layout}>
        <Box component="section" aria-label="Conversation" className={classes.main}>
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
          {canReply(user) && (
            <Box mt="lg">
              <ReplyBox ticket={data} agentMode={canWorkTickets(user)} />
            </Box>
          )}
        </Box>
        <Box component="aside" aria-label="Ticket properties" className={classes.aside}>
          <PropertiesPanel
            ticket={data}
            me={user}
            editable={canWorkTickets(user)}
            agentView={agent}
            agents={agents.data}
            groups={groups.data}
            agentsLoading={agents.isPending}
          />
        </Box>
      </Box>
    </Box>
  );
}

function TicketHeader({ ticket, agent }: { ticket: Ticket; agent: boolean }) {
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
