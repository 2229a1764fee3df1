import { Anchor, Box, Button, DataList, EmptyState, Group, Kbd, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconCircleCheck,
  IconClock,
  IconInfoCircle,
  IconLock,
  IconMoodSearch,
  IconSend,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage, fieldErrors, isApiError } from '../../app/api.ts';
import { formatDateTime, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { AttachButton, AttachmentList } from './AttachmentField.tsx';
import { type PortalTicket, useReply, useRequest, useRequestComments } from './api.ts';
import { PortalConversation } from './PortalConversation.tsx';
import classes from './portal.module.css';
import { portalHome, requestPath } from './routing.tsx';
import { customerStatus, StatusPill } from './StatusPill.tsx';
import { useAttachments, useFileDrop } from './useAttachments.ts';

interface ArrivalState {
  created?: boolean;
  followUpOf?: number;
}

/** /portal/requests/:id — the request's public conversation and a reply box. */
export function RequestPage() {
  const params = useParams();
  const id = Number(params.id);
  // A new request (e.g. the follow-up of a closed one) starts with a fresh reply box.
  return <RequestView key={id} id={id} rawId={params.id ?? ''} />;
}

function RequestView({ id, rawId }: { id: number; rawId: string }) {
  const request = useRequest(id);
  const comments = useRequestComments(id);
  const location = useLocation();
  const arrival = (location.state as ArrivalState | null) ?? {};
  useDocumentTitle(request.data ? request.data.subject : 'Request');

  const back = (
    <Anchor component={Link} to={portalHome} size="sm" c="gray.7" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <IconArrowLeft size={15} aria-hidden="true" />
      My requests
    </Anchor>
  );

  if (!Number.isInteger(id) || id <= 0 || (isApiError(request.error) && request.error.status === 404)) {
    return (
      <Box className={`${classes.container} ${classes.section}`} pt={32}>
        {back}
        <Box className={classes.card} mt="md" py={56} px="md">
          <EmptyState
            icon={<IconMoodSearch size={30} stroke={1.6} />}
            withIndicatorBackground
            title="We couldn’t find this request"
            description={`Request #${rawId} does not exist, or it belongs to someone else.`}
          >
            <EmptyState.Actions>
              <Button component={Link} to={portalHome} radius="xl" variant="default">
                Back to my requests
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Box>
      </Box>
    );
  }

  if (request.isPending) return <RequestSkeleton back={back} />;
  if (!request.data) {
    return (
      <Box className={`${classes.container} ${classes.section}`} pt={32}>
        {back}
        <Box mt="md" maw={640}>
          <ErrorState title="Could not load this request" error={request.error} onRetry={() => void request.refetch()} />
        </Box>
      </Box>
    );
  }

  const ticket = request.data;
  return (
    <Box className={`${classes.container} ${classes.section}`} pt={{ base: 20, sm: 32 }}>
      {back}
      <Box component="header" mt="sm" mb="lg">
        <Title order={1} fz={{ base: 24, sm: 30 }} lh={1.25} style={{ letterSpacing: '-0.02em', overflowWrap: 'anywhere' }}>
          {ticket.subject}
        </Title>
        <Group gap="sm" mt={10}>
          <StatusPill status={ticket.status} size="md" />
          <Text size="sm" c="gray.7">
            Request #{ticket.id} · opened {formatDateTime(ticket.created_at)}
          </Text>
        </Group>
      </Box>

      <Box className={classes.requestLayout}>
        <Stack gap="lg" style={{ minWidth: 0 }}>
          {arrival.created && (
            <Banner tone="solved" icon={<IconCircleCheck size={20} />}>
              <b>Thanks, we’ve got your request.</b> Our reply will appear here, and you can add details at any time.
            </Banner>
          )}
          {arrival.followUpOf && (
            <Banner tone="info" icon={<IconInfoCircle size={20} />}>
              Request #{arrival.followUpOf} was closed, so your reply started this follow-up request. We’ll pick it up from here.
            </Banner>
          )}
          <StatusBanner ticket={ticket} />

          <Box component="section" aria-label="Conversation">
            {comments.isPending ? (
              <ConversationSkeleton />
            ) : comments.isError ? (
              <ErrorState title="Could not load the conversation" error={comments.error} onRetry={() => void comments.refetch()} />
            ) : comments.data.length === 0 ? (
              <Box className={classes.card} p="lg">
                <Text c="dimmed" ta="center" size="sm">
                  No messages yet.
                </Text>
              </Box>
            ) : (
              <PortalConversation comments={comments.data} />
            )}
          </Box>

          <ReplyBox ticket={ticket} />
        </Stack>

        <Details ticket={ticket} />
      </Box>
    </Box>
  );
}

function Banner({ tone, icon, children }: { tone: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Box className={classes.banner} data-tone={tone}>
      <Box mt={1} style={{ flex: 'none', display: 'flex' }} aria-hidden="true">
        {icon}
      </Box>
      <Text size="sm" inherit>
        {children}
      </Text>
    </Box>
  );
}

function StatusBanner({ ticket }: { ticket: PortalTicket }) {
  if (ticket.status === 'pending') {
    return (
      <Banner tone="action" icon={<IconClock size={20} />}>
        <b>We’re waiting for your reply.</b> Answer below so we can continue.
      </Banner>
    );
  }
  if (ticket.status === 'solved') {
    return (
      <Banner tone="solved" icon={<IconCircleCheck size={20} />}>
        <b>We marked this request as solved.</b> Still need help? Reply below and it reopens.
      </Banner>
    );
  }
  if (ticket.status === 'closed') {
    return (
      <Banner tone="closed" icon={<IconLock size={20} />}>
        <b>This request is closed.</b> If you reply, we’ll open a follow-up request for you.
      </Banner>
    );
  }
  return null;
}

function Details({ ticket }: { ticket: PortalTicket }) {
  const status = customerStatus[ticket.status];
  return (
    <Box component="aside" aria-label="Request details" className={`${classes.card} ${classes.details}`}>
      <Title order={2} fz={15} mb="sm">
        Request details
      </Title>
      <DataList size="sm" gap={10} orientation="vertical" withDivider>
        <DataList.Item>
          <DataList.ItemLabel>Status</DataList.ItemLabel>
          <DataList.ItemValue>
            <StatusPill status={ticket.status} />
            <Text size="xs" c="gray.7" mt={6}>
              {status.hint}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
        {ticket.category && (
          <DataList.Item>
            <DataList.ItemLabel>Topic</DataList.ItemLabel>
            <DataList.ItemValue>{ticket.category.name}</DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel>Last update</DataList.ItemLabel>
          <DataList.ItemValue>
            <time dateTime={ticket.updated_at} title={formatDateTime(ticket.updated_at)}>
              {relativeTime(ticket.updated_at)}
            </time>
          </DataList.ItemValue>
        </DataList.Item>
        {ticket.follow_up_of_id ? (
          <DataList.Item>
            <DataList.ItemLabel>Follow-up of</DataList.ItemLabel>
            <DataList.ItemValue>
              <Anchor component={Link} to={requestPath(ticket.follow_up_of_id)} size="sm">
                Request #{ticket.follow_up_of_id}
              </Anchor>
            </DataList.ItemValue>
          </DataList.Item>
        ) : null}
      </DataList>
    </Box>
  );
}

function ReplyBox({ ticket }: { ticket: PortalTicket }) {
  const closed = ticket.status === 'closed';
  const navigate = useNavigate();
  const reply = useReply(ticket.id);
  // Files upload right away: to this request, or, when it is closed, unbound, for the follow-up the reply opens.
  const attachments = useAttachments(closed ? null : ticket.id);
  const drop = useFileDrop(attachments.add, reply.isPending);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textareaId = useId();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending) return;
    const text = body.trim();
    if (!text) {
      setError('Write your reply first.');
      return;
    }
    if (attachments.busy) {
      setError('Wait for the files to finish uploading.');
      return;
    }
    if (attachments.failed.length > 0) {
      setError('Some files could not be uploaded: try them again, or remove them to send without them.');
      return;
    }
    setError(null);
    setSending(true);
    try {
      const comment = await reply.mutateAsync({
        body: text,
        ...(attachments.readyIds.length ? { attachment_ids: attachments.readyIds } : {}),
      });
      if (comment.ticket_id !== ticket.id) {
        notifications.show({ color: 'teal', message: `Reply sent · we opened follow-up request #${comment.ticket_id}` });
        navigate(requestPath(comment.ticket_id), { state: { followUpOf: ticket.id } satisfies ArrivalState });
        return;
      }
      setBody('');
      attachments.reset();
      notifications.show({
        color: 'teal',
        message: ticket.status === 'solved' ? 'Reply sent · your request is open again' : 'Reply sent',
      });
    } catch (failure) {
      const fields = fieldErrors(failure);
      setError(fields.attachment_ids ? `Files: ${fields.attachment_ids}` : errorMessage(failure));
    } finally {
      setSending(false);
    }
  };

  const label = closed ? 'Send and open a follow-up' : ticket.status === 'solved' ? 'Send and reopen' : 'Send reply';

  return (
    <Box
      component="form"
      onSubmit={(event: FormEvent) => void submit(event)}
      aria-label="Reply"
      className={`${classes.card} ${classes.replyBox}`}
      data-dragging={drop.dragging || undefined}
      p={{ base: 'sm', sm: 'md' }}
      {...drop.handlers}
    >
      <Text component="label" htmlFor={textareaId} fw={600} size="sm" display="block" mb={6}>
        {closed ? 'Reply to start a follow-up' : 'Add a reply'}
      </Text>
      <Textarea
        id={textareaId}
        placeholder={ticket.status === 'pending' ? 'Answer our question here…' : 'Write your message…'}
        autosize
        minRows={4}
        maxRows={14}
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
        }}
        error={error}
        errorProps={{ role: 'alert' }}
        styles={{ input: { fontSize: 15, lineHeight: 1.55 } }}
        disabled={sending}
      />
      <AttachmentList attachments={attachments} />
      <Group justify="space-between" mt="sm" gap="sm">
        <Group gap="xs">
          <AttachButton attachments={attachments} disabled={sending} />
          <Text size="xs" c="dimmed" visibleFrom="sm">
            or drop files here
          </Text>
        </Group>
        <Group gap="sm" ml="auto">
          <Text size="xs" c="dimmed" visibleFrom="md">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
          <Button type="submit" radius="xl" loading={sending} disabled={attachments.busy} leftSection={<IconSend size={16} />}>
            {label}
          </Button>
        </Group>
      </Group>
      {attachments.busy && (
        <Group gap={6} mt={6} justify="flex-end" c="dimmed">
          <IconAlertCircle size={14} aria-hidden="true" />
          <Text size="xs">You can send once the files finish uploading.</Text>
        </Group>
      )}
    </Box>
  );
}

function RequestSkeleton({ back }: { back: ReactNode }) {
  return (
    <Box className={`${classes.container} ${classes.section}`} pt={{ base: 20, sm: 32 }} role="status" aria-label="Loading request">
      {back}
      <Skeleton h={30} w="60%" mt="md" />
      <Group gap="sm" mt={14} mb="lg">
        <Skeleton h={26} w={110} radius="xl" />
        <Skeleton h={14} w={220} />
      </Group>
      <Box className={classes.requestLayout}>
        <ConversationSkeleton />
        <Box className={`${classes.card} ${classes.details}`}>
          <Stack gap="md">
            {[40, 60, 50].map((width) => (
              <Stack key={width} gap={6}>
                <Skeleton h={10} w="30%" />
                <Skeleton h={14} w={`${width}%`} />
              </Stack>
            ))}
          </Stack>
        </Box>
      </Box>
    </Box>
  );
}

function ConversationSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading conversation">
      {[80, 55].map((width) => (
        <Group key={width} align="flex-start" wrap="nowrap" gap="sm">
          <Skeleton h={36} w={36} circle />
          <Box className={classes.bubble}>
            <Skeleton h={12} w={140} mb="md" />
            <Skeleton h={10} w={`${width}%`} mb={8} />
            <Skeleton h={10} w={`${width - 20}%`} />
          </Box>
        </Group>
      ))}
    </Stack>
  );
}
