import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { type ChatMessage, type Conversation, fetchMessages, useCannedResponses, useChatAction, useInbox } from './api.ts';

type Transcripts = Record<number, ChatMessage[]>;

/** Merges messages by sequence number: a message heard twice (socket and fetch) is kept once. */
function merge(list: ChatMessage[] = [], more: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The agent's live chats: offers to accept or decline, several chats at once, canned replies, transfer and wrap-up. */
export function ChatConsolePage() {
  useDocumentTitle('Live chat');
  const inbox = useInbox();
  const client = useQueryClient();
  const action = useChatAction();
  const [selected, setSelected] = useState<number | null>(null);
  const [transcripts, setTranscripts] = useState<Transcripts>({});
  const [typing, setTyping] = useState<Record<number, number>>({});
  const [readSeq, setReadSeq] = useState<Record<number, number>>({});
  const [connected, setConnected] = useState(false);
  const socket = useRef<WebSocket | null>(null);

  const load = useCallback(async (id: number) => {
    const { data } = await fetchMessages(id, 0);
    setTranscripts((t) => ({ ...t, [id]: merge(t[id], data) }));
  }, []);

  useEffect(() => {
    let closed = false;
    let retry = 0;
    const connect = () => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v1/chat/agent`);
      socket.current = ws;
      ws.onopen = () => {
        retry = 0;
        setConnected(true);
        void client.invalidateQueries({ queryKey: ['chat', 'inbox'] });
      };
      ws.onmessage = (event) => {
        const data = JSON.parse(String(event.data));
        if (data.kind === 'message') {
          const m = data.message as ChatMessage;
          setTranscripts((t) => (t[m.conversation_id] ? { ...t, [m.conversation_id]: merge(t[m.conversation_id], [m]) } : t));
          if (m.author === 'visitor') setTyping((t) => ({ ...t, [m.conversation_id]: 0 }));
        } else if (data.kind === 'conversation') {
          void client.invalidateQueries({ queryKey: ['chat', 'inbox'] });
        } else if (data.kind === 'typing') {
          setTyping((t) => ({ ...t, [data.conversation_id]: Date.now() }));
        } else if (data.kind === 'read') {
          setReadSeq((r) => ({ ...r, [data.conversation_id]: data.seq }));
        } else if (data.kind === 'error') {
          notifications.show({ color: 'red', message: data.detail });
        }
      };
      ws.onclose = () => {
        setConnected(false);
        if (!closed) setTimeout(connect, Math.min(10_000, 250 * 2 ** retry++));
      };
    };
    connect();
    return () => {
      closed = true;
      socket.current?.close();
    };
  }, [client]);

  const active = inbox.data?.active ?? [];
  const offers = inbox.data?.offers ?? [];
  useEffect(() => {
    for (const c of active) if (!transcripts[c.id]) void load(c.id);
    if (selected === null && active[0]) setSelected(active[0].id);
  }, [active, transcripts, load, selected]);

  const run = (id: number, name: 'accept' | 'decline' | 'transfer' | 'end', body?: unknown) =>
    action.mutate(
      { id, action: name, body },
      {
        onSuccess: () => {
          if (name === 'accept') setSelected(id);
          if (name !== 'accept' && selected === id) setSelected(null);
        },
        onError: (error) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) }),
      },
    );

  if (inbox.error) return <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />;
  const current = active.find((c) => c.id === selected);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Live chat</Title>
        <Group gap="xs">
          <Badge color={connected ? 'green' : 'gray'} variant="light">
            {connected ? 'Connected' : 'Connecting…'}
          </Badge>
          <Badge variant="light">
            {active.length} / {inbox.data?.capacity ?? '–'} chats
          </Badge>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="xs">
              Incoming
            </Title>
            {offers.length === 0 && (
              <Text c="dimmed" size="sm">
                No chats are waiting.
              </Text>
            )}
            <Stack gap="xs">
              {offers.map((c) => (
                <Paper key={c.id} withBorder p="xs" radius="sm" data-testid={`offer-${c.id}`}>
                  <Text fw={500} size="sm">
                    {c.visitor_name ?? 'Visitor'} {c.topic ? `· ${c.topic}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.handed_off ? 'Handed over by the bot' : 'New chat'}
                  </Text>
                  <Group gap="xs" mt={6}>
                    <Button size="xs" onClick={() => run(c.id, 'accept')} loading={action.isPending}>
                      Accept
                    </Button>
                    <Button size="xs" variant="default" onClick={() => run(c.id, 'decline')}>
                      Decline
                    </Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="xs">
              My chats
            </Title>
            {active.length === 0 && (
              <Text c="dimmed" size="sm">
                Accept a chat to start.
              </Text>
            )}
            <Stack gap={4}>
              {active.map((c) => (
                <Button
                  key={c.id}
                  variant={c.id === selected ? 'light' : 'subtle'}
                  justify="space-between"
                  onClick={() => setSelected(c.id)}
                  rightSection={typing[c.id] && Date.now() - (typing[c.id] ?? 0) < 4000 ? <Badge size="xs">typing</Badge> : null}
                >
                  {c.visitor_name ?? 'Visitor'}
                </Button>
              ))}
            </Stack>
          </Paper>
        </Stack>
        <Box style={{ gridColumn: 'span 2' }}>
          {current ? (
            <ChatPanel
              key={current.id}
              conversation={current}
              messages={transcripts[current.id] ?? []}
              typingAt={typing[current.id] ?? 0}
              visitorRead={Math.max(readSeq[current.id] ?? 0, current.visitor_read_seq)}
              socket={socket.current}
              onAction={(name, body) => run(current.id, name, body)}
            />
          ) : (
            <Paper withBorder p="xl" radius="md">
              <Text c="dimmed">Select or accept a chat.</Text>
            </Paper>
          )}
        </Box>
      </SimpleGrid>
    </Stack>
  );
}

function ChatPanel(props: {
  conversation: Conversation;
  messages: ChatMessage[];
  typingAt: number;
  visitorRead: number;
  socket: WebSocket | null;
  onAction: (name: 'transfer' | 'end', body?: unknown) => void;
}) {
  const { conversation, messages, socket } = props;
  const [text, setText] = useState('');
  const [ending, setEnding] = useState(false);
  const [wrapUp, setWrapUp] = useState('');
  const [transferTo, setTransferTo] = useState<number | string>('');
  const canned = useCannedResponses();
  const viewport = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  const [, tick] = useState(0);
  const typingSent = useRef(0);

  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
    if (last && last.author !== 'agent' && socket?.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ type: 'read', conversation_id: conversation.id, seq: last.seq }));
  }, [last, socket, conversation.id]);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 2000);
    return () => clearInterval(timer);
  }, []);

  const send = () => {
    const body = text.trim();
    if (!body || socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: 'message', conversation_id: conversation.id, client_id: newId(), body }));
    setText('');
  };
  const lastOwn = [...messages].reverse().find((m) => m.author === 'agent');

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Text fw={600}>{conversation.visitor_name ?? 'Visitor'}</Text>
          <Text size="xs" c="dimmed">
            {conversation.visitor_email ?? 'no email'}
            {conversation.ticket_id ? (
              <>
                {' · '}
                <Link to={`/tickets/${conversation.ticket_id}`}>ticket #{conversation.ticket_id}</Link>
              </>
            ) : null}
          </Text>
        </div>
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button size="xs" variant="default">
                Transfer
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => props.onAction('transfer', { tier: 2 })}>To tier 2</Menu.Item>
              <Menu.Item onClick={() => props.onAction('transfer', { tier: 3 })}>To tier 3</Menu.Item>
              <Box p="xs">
                <Group gap={4}>
                  <NumberInput size="xs" placeholder="Agent or group id" value={transferTo} onChange={setTransferTo} w={130} />
                  <Button size="xs" disabled={!transferTo} onClick={() => props.onAction('transfer', { agent_id: Number(transferTo) })}>
                    Agent
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={!transferTo}
                    onClick={() => props.onAction('transfer', { group_id: Number(transferTo) })}
                  >
                    Group
                  </Button>
                </Group>
              </Box>
            </Menu.Dropdown>
          </Menu>
          <Button size="xs" color="red" variant="light" onClick={() => setEnding(true)}>
            End chat
          </Button>
        </Group>
      </Group>
      <ScrollArea h={380} viewportRef={viewport} type="auto">
        <Stack gap={6} pr="sm" data-testid="chat-transcript">
          {messages.map((m) => (
            <Box
              key={m.seq}
              style={{ alignSelf: m.author === 'agent' ? 'flex-end' : m.author === 'system' ? 'center' : 'flex-start', maxWidth: '80%' }}
            >
              <Paper
                p="xs"
                radius="md"
                bg={m.author === 'agent' ? 'blue.6' : m.author === 'system' ? undefined : 'gray.1'}
                c={m.author === 'agent' ? 'white' : m.author === 'system' ? 'dimmed' : undefined}
              >
                {m.author === 'bot' && (
                  <Text size="xs" fw={600}>
                    Bot
                  </Text>
                )}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.body}
                </Text>
              </Paper>
            </Box>
          ))}
        </Stack>
      </ScrollArea>
      <Text size="xs" c="dimmed" h={18} mt={4}>
        {Date.now() - props.typingAt < 4000 ? 'Visitor is typing…' : lastOwn && props.visitorRead >= lastOwn.seq ? 'Seen' : ''}
      </Text>
      <Group gap="xs" align="flex-end" mt="xs" wrap="nowrap">
        <Select
          size="sm"
          w={170}
          placeholder="Canned reply"
          data={(canned.data ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
          onChange={(value) => {
            const macro = canned.data?.find((m) => String(m.id) === value);
            if (macro?.reply) setText(macro.reply.body);
          }}
          clearable
        />
        <TextInput
          style={{ flex: 1 }}
          aria-label="Reply"
          placeholder="Type a reply…"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (socket?.readyState === WebSocket.OPEN && Date.now() - typingSent.current > 2000) {
              typingSent.current = Date.now();
              socket.send(JSON.stringify({ type: 'typing', conversation_id: conversation.id }));
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') send();
          }}
        />
        <ActionIcon size="lg" aria-label="Send" onClick={send}>
          <IconSend size={18} />
        </ActionIcon>
      </Group>
      <Modal opened={ending} onClose={() => setEnding(false)} title="End chat">
        <Stack>
          <Textarea
            label="Wrap-up"
            placeholder="What was resolved, what follows"
            value={wrapUp}
            onChange={(e) => setWrapUp(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Button
            onClick={() => {
              props.onAction('end', wrapUp.trim() ? { wrap_up: wrapUp.trim() } : {});
              setEnding(false);
            }}
          >
            End and save transcript
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}
