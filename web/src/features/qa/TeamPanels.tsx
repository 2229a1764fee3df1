import { Badge, Box, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useAgents, useCalibration, useCalibrations, useCoachingSessions, useCreateCoaching } from './api.ts';

function CalibrationResults({ id }: { id: number }) {
  const detail = useCalibration(id);
  if (detail.isError) return <ErrorState error={detail.error} />;
  if (!detail.data) return <Skeleton h={80} />;
  const { results } = detail.data;
  const mine = detail.data.my_review_id;
  const ticketId = detail.data.ticket_id;
  return (
    <Box mt="sm">
      {detail.data.status === 'open' && !mine && detail.data.participants.length > 0 && (
        <Button component={Link} to={`/qa/reviews/new?ticket=${ticketId}&calibration=${id}`} size="xs" mb="sm">
          Score it (blind)
        </Button>
      )}
      {!results ? (
        <Text size="sm" c="dimmed">
          Results are hidden until you have submitted your own review.
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            Mean {results.mean ?? '–'} · variance {results.variance ?? '–'} · std dev {results.std_dev ?? '–'} · range{' '}
            {results.range ?? '–'} · item agreement {results.agreement === null ? '–' : `${Math.round(results.agreement * 100)}%`} ·
            reference {results.reference_score ?? '–'}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4} aria-label="Calibration scores">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Reviewer</Table.Th>
                  <Table.Th ta="right">Score</Table.Th>
                  <Table.Th ta="right">vs reference</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.reviewers.map((r) => (
                  <Table.Tr key={r.reviewer_id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right">{r.score ?? '–'}</Table.Td>
                    <Table.Td ta="right">{r.difference_from_reference ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" fw={600}>
            Items the reviewers disagree on
          </Text>
          {results.items
            .filter((i) => i.agreement !== null && i.agreement < 1)
            .map((i) => (
              <Text key={i.key} size="xs">
                {i.label}: {i.answers.map((a) => a.answer).join(' / ')} (agreement {Math.round((i.agreement ?? 0) * 100)}%, reference{' '}
                {i.reference ?? '–'})
              </Text>
            ))}
        </Stack>
      )}
    </Box>
  );
}

/** Calibration sessions: who has scored, and (once you have) the agreement. */
export function CalibrationTab() {
  const list = useCalibrations();
  const [open, setOpen] = useState<number | null>(null);
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <Skeleton h={120} radius="md" />;
  if (!list.data.data.length)
    return (
      <Text c="dimmed" size="sm">
        No calibration sessions yet (a QA manager opens one on a conversation with POST /api/v1/qa/calibrations).
      </Text>
    );
  return (
    <Stack gap="xs">
      {list.data.data.map((c) => (
        <Paper key={c.id} withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Box miw={0}>
              <Text size="sm" fw={600}>
                {c.title}
              </Text>
              <Text size="xs" c="dimmed">
                {c.submitted} of {c.participants} scored · <Badge size="xs">{c.status}</Badge> {c.taking_part ? '· you take part' : ''}
              </Text>
            </Box>
            <Button size="xs" variant="default" onClick={() => setOpen(open === c.id ? null : c.id)}>
              {open === c.id ? 'Hide' : 'Open'}
            </Button>
          </Group>
          {open === c.id && <CalibrationResults id={c.id} />}
        </Paper>
      ))}
    </Stack>
  );
}

/** Weekly 1:1s: notes (shared and private), goals, and the history. */
export function CoachingTab() {
  const sessions = useCoachingSessions();
  const agents = useAgents();
  const create = useCreateCoaching();
  const [agentId, setAgentId] = useState<string | null>(null);
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const [privateNotes, setPrivateNotes] = useState('');
  const [goal, setGoal] = useState('');
  const names = new Map((agents.data ?? []).map((a) => [a.id, a.name]));
  const save = async () => {
    if (!agentId) return;
    try {
      await create.mutateAsync({
        agent_id: Number(agentId),
        held_on: heldOn,
        notes,
        private_notes: privateNotes,
        goals: goal.trim() ? [{ title: goal.trim() }] : [],
      });
      setNotes('');
      setPrivateNotes('');
      setGoal('');
      notifications.show({ color: 'teal', message: 'Coaching notes saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not save', message: errorMessage(error) });
    }
  };
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group grow wrap="wrap">
            <Select
              label="Agent"
              searchable
              data={(agents.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
              value={agentId}
              onChange={setAgentId}
              miw={200}
            />
            <TextInput label="Held on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} miw={160} />
          </Group>
          <Textarea
            label="Notes (the agent sees these)"
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <Textarea
            label="Private notes"
            autosize
            minRows={1}
            value={privateNotes}
            onChange={(e) => setPrivateNotes(e.currentTarget.value)}
          />
          <TextInput label="New goal (optional)" value={goal} onChange={(e) => setGoal(e.currentTarget.value)} />
          <Group>
            <Button onClick={() => void save()} disabled={!agentId} loading={create.isPending}>
              Save 1:1
            </Button>
          </Group>
        </Stack>
      </Paper>
      {sessions.isError && <ErrorState error={sessions.error} />}
      {sessions.data?.data.map((s) => (
        <Paper key={s.id} withBorder p="sm" radius="md">
          <Text size="sm" fw={600}>
            {names.get(s.agent_id) ?? `Agent ${s.agent_id}`} · {s.held_on}
            {s.coach ? ` · with ${s.coach.name}` : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {s.notes || '—'}
          </Text>
          {s.private_notes && (
            <Text size="xs" c="dimmed">
              Private: {s.private_notes}
            </Text>
          )}
          {s.goals.map((g) => (
            <Text key={g.id} size="xs">
              <Badge size="xs" mr={4}>
                {g.status}
              </Badge>
              {g.title}
            </Text>
          ))}
        </Paper>
      ))}
    </Stack>
  );
}
