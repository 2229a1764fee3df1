import { Alert, Badge, Button, Card, Group, List, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../../app/api.ts';
import { useDocumentTitle } from '../../../app/useDocumentTitle.ts';

interface Claim {
  id: number;
  kind: 'return' | 'warranty';
  order_reference: string;
  item: string;
  serial_number: string;
  purchase_date: string | null;
  reason: string;
  photos: string[];
  status: string;
  rejection_reasons: { code: string; field?: string; message: string }[];
  events: { to_status: string; actor: string }[];
}

interface ClaimFields {
  order_reference: string;
  item: string;
  serial_number: string;
  purchase_date: string;
  reason: string;
  photos: string;
}
const empty: ClaimFields = { order_reference: '', item: '', serial_number: '', purchase_date: '', reason: '', photos: '' };

const toBody = (fields: ClaimFields) => ({
  order_reference: fields.order_reference,
  item: fields.item,
  serial_number: fields.serial_number,
  purchase_date: fields.purchase_date || null,
  reason: fields.reason,
  photos: fields.photos
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean),
});

const statusColor: Record<string, string> = { rejected: 'red', requested: 'blue', approved: 'green', refunded: 'teal', replaced: 'teal' };

function ClaimForm({
  initial,
  submitLabel,
  onSubmit,
  pending,
}: {
  initial: ClaimFields;
  submitLabel: string;
  onSubmit: (f: ClaimFields) => void;
  pending: boolean;
}) {
  const [fields, setFields] = useState(initial);
  const field = (key: keyof ClaimFields, label: string, props: Record<string, unknown> = {}) => (
    <TextInput label={label} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.currentTarget.value })} {...props} />
  );
  return (
    <Stack gap="xs">
      <Group grow>
        {field('order_reference', 'Order number')}
        {field('item', 'Item')}
      </Group>
      <Group grow>
        {field('serial_number', 'Serial number')}
        {field('purchase_date', 'Purchase date', { type: 'date' })}
      </Group>
      <Textarea
        label="What is wrong?"
        value={fields.reason}
        onChange={(e) => setFields({ ...fields, reason: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Textarea
        label="Photos (links, one per line)"
        value={fields.photos}
        onChange={(e) => setFields({ ...fields, photos: e.currentTarget.value })}
        autosize
        minRows={1}
      />
      <Group>
        <Button onClick={() => onSubmit(fields)} loading={pending}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}

function ClaimCard({ claim }: { claim: Claim }) {
  const client = useQueryClient();
  const correctable = claim.status === 'rejected' && claim.events.at(-1)?.actor === 'intake validation';
  const correct = useMutation({
    mutationFn: (fields: ClaimFields) => api.patch<Claim>(`/api/v1/my/return-claims/${claim.id}`, toBody(fields)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-claims'] }),
  });
  return (
    <Card withBorder padding="md" aria-label={`Claim ${claim.id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {claim.kind === 'warranty' ? 'Warranty claim' : 'Return'} #{claim.id} — {claim.item || 'item not given'}
          </Text>
          <Badge color={statusColor[claim.status] ?? 'gray'}>{claim.status.replace('_', ' ')}</Badge>
        </Group>
        {claim.status === 'rejected' && (
          <Alert color="red" title="Why this claim was not accepted">
            <List size="sm">
              {claim.rejection_reasons.map((reason) => (
                <List.Item key={`${reason.code}:${reason.field ?? ''}`}>{reason.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {correctable && (
          <>
            <Text size="sm">Correct the details below and send the claim again.</Text>
            <ClaimForm
              initial={{ ...claim, purchase_date: claim.purchase_date ?? '', photos: claim.photos.join('\n') }}
              submitLabel="Send corrected claim"
              onSubmit={(fields) => correct.mutate(fields)}
              pending={correct.isPending}
            />
            {correct.error && <Alert color="red">{errorMessage(correct.error)}</Alert>}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The customer's returns and warranty claims: file one, see why one was refused, correct it. */
export function ClaimsPage() {
  useDocumentTitle('Returns and warranty');
  const client = useQueryClient();
  const claims = useQuery({ queryKey: ['my-claims'], queryFn: () => api.get<{ data: Claim[] }>('/api/v1/my/return-claims') });
  const [kind, setKind] = useState<'return' | 'warranty'>('warranty');
  const [formKey, setFormKey] = useState(0);
  const file = useMutation({
    mutationFn: (fields: ClaimFields) => api.post<Claim>('/api/v1/my/return-claims', { kind, ...toBody(fields) }),
    onSuccess: () => {
      setFormKey((k) => k + 1);
      void client.invalidateQueries({ queryKey: ['my-claims'] });
    },
  });
  return (
    <Stack gap="lg" maw={860} mx="auto" p="md">
      <Title order={2}>Returns and warranty</Title>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={4}>New claim</Title>
          <SegmentedControl
            fullWidth
            aria-label="Kind of claim"
            value={kind}
            onChange={(value) => setKind(value as 'return' | 'warranty')}
            data={[
              { value: 'warranty', label: 'Warranty' },
              { value: 'return', label: 'Return' },
            ]}
          />
          <ClaimForm
            key={formKey}
            initial={empty}
            submitLabel="Send claim"
            onSubmit={(fields) => file.mutate(fields)}
            pending={file.isPending}
          />
          {file.error && <Alert color="red">{errorMessage(file.error)}</Alert>}
        </Stack>
      </Card>
      <Title order={3}>Your claims</Title>
      {claims.data?.data.length === 0 && <Text c="dimmed">No claims yet.</Text>}
      {claims.data?.data.map((claim) => (
        <ClaimCard key={`${claim.id}:${claim.status}`} claim={claim} />
      ))}
    </Stack>
  );
}
