import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Select, Skeleton, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useAdminCategories, useAdminGroups } from '../admin/api.ts';
import { type EscalationRuleInput, useDeleteEscalationRule, useEscalationRules, useSaveEscalationRule } from './api.ts';

const empty: EscalationRuleInput = {
  category_id: null,
  priority: null,
  from_tier: null,
  to_tier: 2,
  group_id: null,
  notify_user_ids: [],
  on_breach: false,
};
const priorities = ['p1', 'p2', 'p3', 'p4'].map((p) => ({ value: p, label: p.toUpperCase() }));
const tiers = ['1', '2', '3'].map((t) => ({ value: t, label: `Tier ${t}` }));

/** The escalation matrix: category × priority (× from tier) → target tier and group. */
export function EscalationMatrix({ canEdit }: { canEdit: boolean }) {
  const rules = useEscalationRules();
  const groups = useAdminGroups();
  const categories = useAdminCategories();
  const save = useSaveEscalationRule();
  const remove = useDeleteEscalationRule();
  const [draft, setDraft] = useState(empty);
  const groupName = (id: number | null) =>
    id === null ? 'first group of the tier' : (groups.data?.find((g) => g.id === id)?.name ?? `#${id}`);
  const categoryName = (id: number | null) => (id === null ? 'any' : (categories.data?.find((c) => c.id === id)?.path ?? `#${id}`));
  const add = () =>
    save.mutate(draft, {
      onSuccess: () => setDraft(empty),
      onError: (error) => notifications.show({ color: 'red', title: 'Rule not added', message: errorMessage(error) }),
    });

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="lg">
        Escalation matrix
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Where a ticket goes when it moves up a tier. The most specific row wins: its category over its product, then priority, then the tier
        it comes from. Rows marked “on breach” escalate by themselves when an SLA is breached.
      </Text>
      {rules.isPending ? (
        <Skeleton h={80} />
      ) : !rules.data ? (
        <ErrorState title="Could not load the matrix" error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Category</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Group</Table.Th>
                <Table.Th>On breach</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text size="sm" c="dimmed">
                      No rows yet: an escalated ticket goes to the first group of its new tier.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rules.data.data.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>{categoryName(rule.category_id)}</Table.Td>
                  <Table.Td>{rule.priority?.toUpperCase() ?? 'any'}</Table.Td>
                  <Table.Td>{rule.from_tier ? `Tier ${rule.from_tier}` : 'any'}</Table.Td>
                  <Table.Td>Tier {rule.to_tier}</Table.Td>
                  <Table.Td>{groupName(rule.group_id)}</Table.Td>
                  <Table.Td>{rule.on_breach ? <Badge variant="light">on breach</Badge> : '—'}</Table.Td>
                  <Table.Td ta="right">
                    {canEdit && (
                      <ActionIcon variant="subtle" color="red" aria-label={`Delete rule ${rule.id}`} onClick={() => remove.mutate(rule.id)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && (
        <Group mt="md" align="flex-end" gap="sm">
          <Select
            label="Category"
            placeholder="any"
            clearable
            searchable
            w={200}
            data={(categories.data ?? []).map((c) => ({ value: String(c.id), label: c.path }))}
            value={draft.category_id === null ? null : String(draft.category_id)}
            onChange={(v) => setDraft((d) => ({ ...d, category_id: v ? Number(v) : null }))}
          />
          <Select
            label="Priority"
            placeholder="any"
            clearable
            w={100}
            data={priorities}
            value={draft.priority}
            onChange={(v) => setDraft((d) => ({ ...d, priority: v }))}
          />
          <Select
            label="To tier"
            w={110}
            data={tiers}
            value={String(draft.to_tier)}
            onChange={(v) => v && setDraft((d) => ({ ...d, to_tier: Number(v) }))}
          />
          <Select
            label="Group"
            placeholder="first of the tier"
            clearable
            w={200}
            data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
            value={draft.group_id === null ? null : String(draft.group_id)}
            onChange={(v) => setDraft((d) => ({ ...d, group_id: v ? Number(v) : null }))}
          />
          <Checkbox
            label="On breach"
            mb={8}
            checked={draft.on_breach}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setDraft((d) => ({ ...d, on_breach: checked }));
            }}
          />
          <Button onClick={add} loading={save.isPending}>
            Add row
          </Button>
        </Group>
      )}
    </Paper>
  );
}
