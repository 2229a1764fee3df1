import { Anchor, Badge, Box, Button, Group, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import type { User } from '../../app/types.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { type ReviewSummary, useMyQuality, useMyReviews, useQueue, useReviews } from './api.ts';
import { CalibrationTab, CoachingTab } from './TeamPanels.tsx';

const reviewers = new Set(['manager', 'head_of_support', 'admin']);
export const isReviewer = (user: User) => reviewers.has(user.role);

export function ScoreBadge({ score, passed, autoFailed }: { score: number | null; passed: boolean | null; autoFailed: boolean }) {
  if (score === null) return <Badge color="gray">no score</Badge>;
  return (
    <Badge color={autoFailed ? 'red' : passed ? 'teal' : 'orange'} variant="light">
      {autoFailed ? 'auto-fail · ' : ''}
      {score}
    </Badge>
  );
}

function ReviewTable({ rows, showAgent }: { rows: ReviewSummary[]; showAgent: boolean }) {
  if (!rows.length)
    return (
      <Text c="dimmed" size="sm" py="md">
        No reviews yet.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Reviews">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Conversation</Table.Th>
            {showAgent && <Table.Th>Agent</Table.Th>}
            <Table.Th>Reviewer</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>When</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/qa/reviews/${r.id}`} size="sm">
                  #{r.ticket_id} {r.ticket_subject}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {r.channel}
                </Text>
              </Table.Td>
              {showAgent && <Table.Td>{r.agent_name}</Table.Td>}
              <Table.Td>{r.reviewer_name}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.status === 'draft' ? (
                    <Badge color="gray">draft</Badge>
                  ) : (
                    <ScoreBadge score={r.score} passed={r.passed} autoFailed={r.auto_failed} />
                  )}
                  {r.open_dispute && (
                    <Badge color="grape" variant="outline">
                      disputed
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{relativeTime(r.submitted_at ?? r.updated_at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReviewerQueue() {
  const queue = useQueue();
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  if (queue.isPending) return <Skeleton h={120} radius="md" />;
  if (!queue.data.data.length)
    return (
      <Text c="dimmed" size="sm" py="md">
        Your queue is empty. The weekly sample fills it every Monday.
      </Text>
    );
  return (
    <Stack gap="xs">
      {queue.data.data.map((item) => (
        <Paper key={item.id} withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Box miw={0}>
              <Text size="sm" fw={600} truncate>
                #{item.ticket_id} {item.ticket_subject}
              </Text>
              <Text size="xs" c="dimmed">
                {item.agent_name} · {item.channel} · week of {item.week} ·{' '}
                <Badge size="xs" variant="light">
                  {item.reason}
                </Badge>
              </Text>
            </Box>
            <Button component={Link} to={`/qa/reviews/new?ticket=${item.ticket_id}&queue=${item.id}`} size="xs">
              Review
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function MyQuality() {
  const mine = useMyReviews();
  const quality = useMyQuality();
  const weeks = quality.data?.trend.weeks.filter((w) => w.reviews || w.csat_responses) ?? [];
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="sm">
        <Title order={2} fz={16} mb="xs">
          Reviews of my conversations
        </Title>
        {mine.isError ? <ErrorState error={mine.error} /> : <ReviewTable rows={mine.data?.data ?? []} showAgent={false} />}
      </Paper>
      <Paper withBorder radius="md" p="sm">
        <Title order={2} fz={16} mb="xs">
          My trend (weekly QA score and CSAT)
        </Title>
        {weeks.length ? (
          <Table aria-label="Weekly trend">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week</Table.Th>
                <Table.Th ta="right">QA score</Table.Th>
                <Table.Th ta="right">Reviews</Table.Th>
                <Table.Th ta="right">CSAT</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => (
                <Table.Tr key={w.week}>
                  <Table.Td>{w.week}</Table.Td>
                  <Table.Td ta="right">{w.qa_score ?? '–'}</Table.Td>
                  <Table.Td ta="right">{w.reviews}</Table.Td>
                  <Table.Td ta="right">{w.csat === null ? '–' : `${w.csat}% (${w.csat_responses})`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" size="sm">
            No figures in the last 12 weeks.
          </Text>
        )}
      </Paper>
      <Paper withBorder radius="md" p="sm">
        <Title order={2} fz={16} mb="xs">
          Coaching
        </Title>
        {quality.data?.goals.map((g) => (
          <Text key={g.id} size="sm">
            <Badge size="xs" color={g.status === 'achieved' ? 'teal' : 'blue'} variant="light" mr={6}>
              {g.status}
            </Badge>
            {g.title}
            {g.due_on ? ` (by ${g.due_on})` : ''}
          </Text>
        ))}
        {quality.data?.sessions.map((s) => (
          <Box key={s.id} mt="sm">
            <Text size="xs" c="dimmed">
              1:1 on {s.held_on}
              {s.coach ? ` with ${s.coach.name}` : ''}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {s.notes || '—'}
            </Text>
          </Box>
        ))}
        {quality.data && !quality.data.sessions.length && !quality.data.goals.length && (
          <Text c="dimmed" size="sm">
            No coaching notes yet.
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

/** /qa: a reviewer's queue and the team's reviews; every agent's own quality page. */
export function QaPage() {
  useDocumentTitle('Quality');
  const user = useCurrentUser();
  const reviewer = isReviewer(user);
  const all = useReviews(reviewer || user.role === 'analyst');
  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1280}>
      <Title order={1} fz={{ base: 22, sm: 26 }} mb={4}>
        Quality
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        Conversations scored against the scorecard: N/A items leave the score, a failed auto-fail item makes it 0.
      </Text>
      <Tabs defaultValue={reviewer ? 'queue' : 'mine'} keepMounted={false}>
        <Tabs.List mb="md">
          {reviewer && <Tabs.Tab value="queue">My review queue</Tabs.Tab>}
          {(reviewer || user.role === 'analyst') && <Tabs.Tab value="all">All reviews</Tabs.Tab>}
          {reviewer && <Tabs.Tab value="calibration">Calibration</Tabs.Tab>}
          {reviewer && <Tabs.Tab value="coaching">Coaching</Tabs.Tab>}
          <Tabs.Tab value="mine">My quality</Tabs.Tab>
        </Tabs.List>
        {reviewer && (
          <Tabs.Panel value="queue">
            <ReviewerQueue />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="all">
          {all.isError ? <ErrorState error={all.error} /> : <ReviewTable rows={all.data?.data ?? []} showAgent />}
        </Tabs.Panel>
        {reviewer && (
          <Tabs.Panel value="calibration">
            <CalibrationTab />
          </Tabs.Panel>
        )}
        {reviewer && (
          <Tabs.Panel value="coaching">
            <CoachingTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="mine">
          <MyQuality />
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}
