import { Avatar, CloseButton, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconEye, IconPencil, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { initials } from '../../app/format.ts';
import type { User } from '../../app/types.ts';
import type { Viewer } from '../workspace/stream.ts';
import { useUser } from './api.ts';
import { describeLiveChange } from './changes.ts';

function names(list: string[]): string {
  if (list.length <= 2) return list.join(' and ');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;

/**
 * "Ana is also viewing" / "Ben is replying": shown right above the reply box, so nobody answers a
 * customer twice. Replying is the louder of the two.
 */
export function PresenceNotice({ viewers }: { viewers: Viewer[] }) {
  const replying = viewers.filter((viewer) => viewer.state === 'replying');
  const viewing = viewers.filter((viewer) => viewer.state === 'viewing');
  const loud = replying.length > 0;
  const message = [
    replying.length ? `${names(replying.map((viewer) => firstName(viewer.name)))} ${replying.length === 1 ? 'is' : 'are'} replying` : '',
    viewing.length ? `${names(viewing.map((viewer) => firstName(viewer.name)))} ${viewing.length === 1 ? 'is' : 'are'} also viewing` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  // The live region stays in place so screen readers announce what appears in it.
  return (
    <div role="status" aria-live="polite">
      {viewers.length > 0 && (
        <Paper
          radius="md"
          px="sm"
          py={8}
          mb="sm"
          className="fl-presence"
          bg={loud ? 'orange.0' : 'blue.0'}
          style={{ borderColor: loud ? 'var(--mantine-color-orange-4)' : 'var(--mantine-color-blue-2)' }}
        >
          <Group gap="sm" wrap="nowrap">
            <Avatar.Group spacing={6}>
              {viewers.slice(0, 3).map((viewer) => (
                <Tooltip key={viewer.user_id} label={`${viewer.name} · ${viewer.state}`}>
                  <Avatar size={26} radius="xl" color={viewer.state === 'replying' ? 'orange' : 'blue'} variant="filled" fz={10}>
                    {initials(viewer.name)}
                  </Avatar>
                </Tooltip>
              ))}
            </Avatar.Group>
            {loud ? (
              <IconPencil size={16} color="var(--mantine-color-orange-8)" aria-hidden="true" />
            ) : (
              <IconEye size={16} color="var(--mantine-color-blue-8)" aria-hidden="true" />
            )}
            <Text size="sm" fw={600} c={loud ? '#8a3a00' : 'blue.9'}>
              {message}
            </Text>
          </Group>
          {loud && (
            <Text size="xs" c="#8a3a00" mt={4} ml={2}>
              Check their answer before sending yours, so the customer does not hear twice.
            </Text>
          )}
        </Paper>
      )}
    </div>
  );
}

export interface LiveChange {
  key: number;
  actorId: number | null;
  types: string[];
  fields: string[];
}

/** "Tomás changed the priority": a quiet line when someone else changes the ticket on screen. */
export function LiveChangeNotice({ change, agents, onClose }: { change: LiveChange; agents: User[] | undefined; onClose: () => void }) {
  const known = agents?.find((agent) => agent.id === change.actorId);
  const fetched = useUser(known || change.actorId === null ? null : change.actorId);
  const name = known?.name ?? fetched.data?.name ?? (change.actorId === null ? 'The customer' : 'Someone');
  useEffect(() => {
    const timer = window.setTimeout(onClose, 20_000);
    return () => window.clearTimeout(timer);
  }, [onClose]);
  return (
    <Paper withBorder radius="md" px="sm" py={6} mb="md" className="fl-live-notice" role="status" aria-live="polite" bg="white">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconRefresh size={15} color="var(--mantine-color-brand-6)" aria-hidden="true" style={{ flexShrink: 0 }} />
          <Text size="sm">
            <Text span inherit fw={600}>
              {firstName(name)}
            </Text>{' '}
            {describeLiveChange(change.types, change.fields)}
            <Text span inherit c="dimmed">
              {' '}
              · just now
            </Text>
          </Text>
        </Group>
        <CloseButton size="sm" aria-label="Dismiss" onClick={onClose} />
      </Group>
    </Paper>
  );
}
