import { ActionIcon, Box, Button, Group, NumberInput, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconLink, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { ticketKeys, useLinks } from './api.ts';
import { StatusBadge } from './Badges.tsx';
import type { LinkKind, TicketLink } from './types.ts';

const kindLabels: Record<LinkKind, string> = {
  related: 'Related',
  duplicate: 'Duplicate',
  parent: 'Parent',
  child: 'Child',
  follow_up: 'Follow-up',
  follow_up_of: 'Follow-up of',
};

const creatable: LinkKind[] = ['related', 'duplicate', 'parent', 'child'];

/** Tickets linked to this one (related, duplicates, parent/child, follow-ups), with add and remove. */
export function LinksPanel({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const links = useLinks(ticketId, true);
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [target, setTarget] = useState<string | number>('');
  const [kind, setKind] = useState<LinkKind>('related');
  const [error, setError] = useState<string | null>(null);

  const onLinks = (data: { data: TicketLink[] }) => {
    queryClient.setQueryData(ticketKeys.links(ticketId), data);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.events(ticketId) });
  };
  const add = useMutation({
    mutationFn: (input: { target_id: number; kind: LinkKind }) =>
      api.post<{ data: TicketLink[] }>(`/api/v1/tickets/${ticketId}/links`, input),
    onSuccess: (data) => {
      onLinks(data);
      setAdding(false);
      setTarget('');
      setError(null);
    },
    onError: (failure) => setError(errorMessage(failure)),
  });
  const remove = useMutation({
    mutationFn: (linkId: number) => api.delete<{ data: TicketLink[] }>(`/api/v1/tickets/${ticketId}/links/${linkId}`),
    onSuccess: onLinks,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = Number(target);
    if (!Number.isInteger(id) || id <= 0) {
      setError('Enter a ticket number');
      return;
    }
    add.mutate({ target_id: id, kind });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fl-links-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="sm" fw={700} id="fl-links-title">
          Linked tickets
        </Title>
        {editable && !adding && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={13} />} onClick={() => setAdding(true)}>
            Link
          </Button>
        )}
      </Group>
      {links.isPending ? (
        <Skeleton h={12} w="70%" role="status" aria-label="Loading links" />
      ) : links.isError ? (
        <Text size="xs" c="dimmed" role="alert">
          Could not load links: {errorMessage(links.error)}
        </Text>
      ) : links.data.length === 0 && !adding ? (
        <Text size="xs" c="dimmed">
          No linked tickets.
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {links.data.map((link) => (
            <Group component="li" key={link.id} gap={8} wrap="nowrap" py={3}>
              <Text size="xs" c="dimmed" w={72} style={{ flexShrink: 0 }}>
                {kindLabels[link.kind] ?? link.kind}
              </Text>
              <Box style={{ flex: 1, minWidth: 0 }}>
                <Link to={`/tickets/${link.ticket_id}`} className="fl-customer-link">
                  <Text size="sm" truncate="end">
                    <Text span inherit c="dimmed" ff="monospace">
                      #{link.ticket_id}
                    </Text>{' '}
                    {link.subject}
                  </Text>
                </Link>
              </Box>
              <StatusBadge status={link.status} size="xs" />
              {editable && creatable.includes(link.kind) && (
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove link to #${link.ticket_id}`}
                  onClick={() => remove.mutate(link.id)}
                  loading={remove.isPending && remove.variables === link.id}
                >
                  <IconX size={13} />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {adding && (
        <Box component="form" onSubmit={submit} mt="sm">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Select<LinkKind>
              aria-label="Link type"
              size="xs"
              w={110}
              value={kind}
              onChange={(value) => value && setKind(value)}
              data={creatable.map((value) => ({ value, label: kindLabels[value] }))}
              allowDeselect={false}
            />
            <NumberInput
              aria-label="Ticket number"
              size="xs"
              placeholder="Ticket #"
              value={target}
              onChange={setTarget}
              min={1}
              hideControls
              leftSection={<IconLink size={13} />}
              style={{ flex: 1 }}
              error={error}
              data-autofocus
            />
          </Group>
          <Group gap="xs" mt="xs" justify="flex-end">
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                setAdding(false);
                setError(null);
              }}
            >
              Cancel
            </Button>
            <Button size="compact-sm" type="submit" loading={add.isPending}>
              Add link
            </Button>
          </Group>
        </Box>
      )}
    </Paper>
  );
}
