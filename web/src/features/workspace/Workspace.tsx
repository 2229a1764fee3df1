import { Box, Group, Kbd, Modal, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ticketKeys, viewKeys } from '../tickets/api.ts';
import type { Ticket } from '../tickets/types.ts';
import { shortcutGroups, useShortcuts } from './shortcuts.ts';
import './workspace.css';
import { useStreamConnection, useStreamMessages, useStreamStatus } from './stream.ts';

const LIST_DEBOUNCE_MS = 1000;

/**
 * Keeps cached data in step with the server: the open ticket refreshes as soon as it changes, lists
 * and view counts at most once a second, and everything after a reconnect (changes were missed).
 */
export function LiveUpdates({ meId }: { meId: number }) {
  useStreamConnection();
  const queryClient = useQueryClient();
  const timer = useRef<number | undefined>(undefined);
  const connectedBefore = useRef(false);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  useStreamMessages((message) => {
    if (message.type === 'hello') {
      if (connectedBefore.current) {
        void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
        void queryClient.invalidateQueries({ queryKey: viewKeys.all });
      }
      connectedBefore.current = true;
      return;
    }
    if (message.type !== 'ticket.changed') return;
    const cached = queryClient.getQueryData<Ticket>(ticketKeys.detail(message.ticket_id));
    // This tab's own change is already in the cache; anything else refetches (only what is on screen does so now).
    const alreadyHave = message.actor_user_id === meId && cached !== undefined && cached.version >= message.version;
    if (!alreadyHave) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(message.ticket_id) });
    if (timer.current === undefined) {
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
        void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: ['tickets', 'requester'] });
        void queryClient.invalidateQueries({ queryKey: viewKeys.all });
      }, LIST_DEBOUNCE_MS);
    }
  });
  return null;
}

/** A small dot in the header while live updates are not arriving. */
export function ConnectionStatus() {
  const status = useStreamStatus();
  // The first connection usually takes a moment; only say so if it drags on.
  const [slowStart, setSlowStart] = useState(false);
  useEffect(() => {
    if (status !== 'connecting') return;
    const timer = window.setTimeout(() => setSlowStart(true), 5000);
    return () => {
      window.clearTimeout(timer);
      setSlowStart(false);
    };
  }, [status]);
  const shown = status === 'offline' || (status === 'connecting' && slowStart);
  if (!shown) return null;
  const label = 'Live updates paused: reconnecting… Lists refresh when the connection is back.';
  return (
    <Tooltip label={label} multiline w={240}>
      <Group gap={6} wrap="nowrap" role="status" aria-label={label} tabIndex={0} className="fl-connection">
        <Box component="span" className="fl-connection-dot" aria-hidden="true" />
        <Text size="xs" c="dimmed" visibleFrom="sm" aria-hidden="true">
          Offline
        </Text>
      </Group>
    </Tooltip>
  );
}

/** Shortcuts that work on every workspace screen, and the "?" help dialog. */
export function WorkspaceShortcuts({ canCreate }: { canCreate: boolean }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  useShortcuts({
    '?': () => setOpen(true),
    ...(canCreate ? { c: () => navigate('/tickets/new') } : {}),
  });
  return (
    <Modal
      opened={open}
      onClose={() => setOpen(false)}
      title={
        <Title order={2} fz="lg">
          Keyboard shortcuts
        </Title>
      }
      size="lg"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {shortcutGroups.map((group) => (
          <Stack key={group.title} gap={6} component="section" aria-label={group.title}>
            <Text fw={700} size="sm">
              {group.title}
            </Text>
            <Box component="dl" m={0}>
              {group.items.map((item) => (
                <Group key={item.label + item.keys.join()} justify="space-between" py={5} wrap="nowrap" className="fl-shortcut-row">
                  <Text component="dt" size="sm">
                    {item.label}
                  </Text>
                  <Group component="dd" m={0} gap={4} wrap="nowrap">
                    {item.keys.map((key, index) => (
                      <Group key={key} gap={4} wrap="nowrap">
                        {index > 0 && (
                          <Text span size="xs" c="dimmed">
                            {item.joiner ?? '+'}
                          </Text>
                        )}
                        <Kbd size="sm">{key}</Kbd>
                      </Group>
                    ))}
                  </Group>
                </Group>
              ))}
            </Box>
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="lg">
        Single-key shortcuts pause while you type in a field.
      </Text>
    </Modal>
  );
}
