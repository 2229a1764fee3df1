import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';

interface Campaign {
  id: number;
  name: string;
  channel: string;
  status: string;
}
interface Entry {
  id: number;
  customer_id: number;
  customer_name: string;
  time_zone: string | null;
  position: number;
  status: string;
  attempts: number;
  last_outcome: string | null;
  open_balance_cents: number;
  risk_score: number;
}
interface NextCustomer {
  entry: Entry | null;
  contact_methods: { kind: string; value: string; is_primary: boolean }[];
  skipped: Record<string, number>;
}

const money = (cents: number) => (cents / 100).toLocaleString('en', { style: 'currency', currency: 'USD' });
const outcomes = [
  { value: 'reached', label: 'Reached' },
  { value: 'no_answer', label: 'No answer' },
  { value: 'voicemail', label: 'Left voicemail' },
  { value: 'callback', label: 'Call back later' },
  { value: 'wrong_number', label: 'Wrong number' },
  { value: 'refused', label: 'Refused' },
];
const skipLabels: Record<string, string> = {
  outside_window: 'outside their calling hours',
  do_not_contact: 'on the do-not-contact list',
  frequency_cap: 'contacted recently',
  callback_later: 'waiting for a call-back',
};

/** The agent's outbound desk: pick a call list, take the next customer, record what happened. */
export function CallListPage() {
  useDocumentTitle('Call lists');
  const client = useQueryClient();
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => api.get<{ data: Campaign[] }>('/api/v1/campaigns') });
  const phone = (campaigns.data?.data ?? []).filter((c) => c.channel === 'phone');
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const selected = campaignId ?? (phone[0] ? String(phone[0].id) : null);
  const list = useQuery({
    queryKey: ['campaign', selected],
    queryFn: () => api.get<Campaign & { entries: Entry[] }>(`/api/v1/campaigns/${selected}`),
    enabled: selected !== null,
  });
  const [current, setCurrent] = useState<NextCustomer | null>(null);
  const [outcome, setOutcome] = useState<string | null>('reached');
  const [note, setNote] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const [ticketSubject, setTicketSubject] = useState('');
  const next = useMutation({
    mutationFn: () => api.post<NextCustomer>(`/api/v1/campaigns/${selected}/next`),
    onSuccess: (answer) => {
      setCurrent(answer);
      void client.invalidateQueries({ queryKey: ['campaign', selected] });
    },
  });
  const record = useMutation({
    mutationFn: () =>
      api.post(`/api/v1/call-list-entries/${current?.entry?.id}/outcome`, {
        outcome,
        note,
        contact_value: current?.contact_methods[0]?.value ?? '',
        ...(outcome === 'callback' && callbackAt ? { callback_at: new Date(callbackAt).toISOString() } : {}),
        ...(ticketSubject.trim() ? { ticket_subject: ticketSubject.trim() } : {}),
      }),
    onSuccess: () => {
      setCurrent(null);
      setNote('');
      setTicketSubject('');
      setCallbackAt('');
      void client.invalidateQueries({ queryKey: ['campaign', selected] });
    },
  });
  const entry = current?.entry;

  return (
    <Stack p="lg" gap="md">
      <Title order={2}>Call lists</Title>
      <Group align="end">
        <Select
          label="Campaign"
          data={phone.map((c) => ({ value: String(c.id), label: c.name }))}
          value={selected}
          onChange={(value) => {
            setCampaignId(value);
            setCurrent(null);
          }}
          w={320}
          allowDeselect={false}
        />
        <Button onClick={() => next.mutate()} loading={next.isPending} disabled={!selected || !!entry}>
          Next customer
        </Button>
      </Group>
      {next.error && <Alert color="red">{errorMessage(next.error)}</Alert>}
      {current && !entry && (
        <Alert color="blue" title="Nobody to call right now">
          {Object.entries(current.skipped)
            .map(([reason, count]) => `${count} ${skipLabels[reason] ?? reason}`)
            .join(', ') || 'The list is done.'}
        </Alert>
      )}
      {entry && (
        <Card withBorder padding="lg" aria-label="Current customer">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3}>{entry.customer_name}</Title>
              <Group gap="xs">
                <Badge color="red" variant="light">
                  Balance {money(entry.open_balance_cents)}
                </Badge>
                <Badge color="orange" variant="light">
                  Risk {entry.risk_score}
                </Badge>
                {entry.time_zone && <Badge variant="outline">{entry.time_zone}</Badge>}
              </Group>
            </Group>
            <Stack gap={2}>
              {current?.contact_methods.map((method) => (
                <Text key={`${method.kind}:${method.value}`} size="sm">
                  {method.kind}: <strong>{method.value}</strong>
                  {method.is_primary ? ' (primary)' : ''}
                </Text>
              ))}
            </Stack>
            <Select label="Outcome" data={outcomes} value={outcome} onChange={setOutcome} allowDeselect={false} w={260} />
            {outcome === 'callback' && (
              <TextInput
                type="datetime-local"
                label="Call back at"
                value={callbackAt}
                onChange={(e) => setCallbackAt(e.currentTarget.value)}
                w={260}
              />
            )}
            <Textarea label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
            <TextInput
              label="Open a ticket (subject, optional)"
              value={ticketSubject}
              onChange={(e) => setTicketSubject(e.currentTarget.value)}
            />
            {record.error && <Alert color="red">{errorMessage(record.error)}</Alert>}
            <Group>
              <Button onClick={() => record.mutate()} loading={record.isPending}>
                Record outcome
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <Table striped highlightOnHover aria-label="Call list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Balance</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Last outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.entries ?? []).map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>{row.position}</Table.Td>
              <Table.Td>{row.customer_name}</Table.Td>
              <Table.Td>{money(row.open_balance_cents)}</Table.Td>
              <Table.Td>{row.risk_score}</Table.Td>
              <Table.Td>{row.status.replace('_', ' ')}</Table.Td>
              <Table.Td>{row.attempts}</Table.Td>
              <Table.Td>{row.last_outcome?.replace('_', ' ') ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
