import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { type SurveySettings, useSurveyAnswers, useSurveyResults, useSurveySettings, useUpdateSurveySettings } from './api.ts';

const groupings = [
  { value: 'agent', label: 'Agent' },
  { value: 'group', label: 'Group' },
  { value: 'channel', label: 'Channel' },
  { value: 'category', label: 'Category' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];
const periods = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: 'all', label: 'All time' },
];

const pct = (value: number | null) => (value === null ? '–' : `${value}%`);
const scoreColor = (kind: string, score: number) =>
  kind === 'csat'
    ? score >= 4
      ? 'teal'
      : score <= 2
        ? 'red'
        : 'yellow'
    : kind === 'nps'
      ? score >= 9
        ? 'teal'
        : score <= 6
          ? 'red'
          : 'yellow'
      : score >= 6
        ? 'teal'
        : score <= 2
          ? 'red'
          : 'yellow';

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** /feedback: CSAT, NPS and CES with their breakdowns, the latest answers with comments, and the survey settings. */
export function SurveyResultsPage() {
  useDocumentTitle('Customer feedback');
  const user = useCurrentUser();
  const [groupBy, setGroupBy] = useState('agent');
  const [period, setPeriod] = useState('30');
  const [lowOnly, setLowOnly] = useState(false);
  // From the start of a day (UTC), so the query key stays the same between renders.
  const from = useMemo(() => {
    if (period === 'all') return undefined;
    const today = new Date();
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Number(period) * 86_400_000).toISOString();
  }, [period]);
  const results = useSurveyResults({ group_by: groupBy, ...(from ? { from } : {}) });
  const answers = useSurveyAnswers({ kind: 'csat', ...(lowOnly ? { max_score: 2 } : {}) });
  const total = results.data?.total;

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1280}>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Box>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            Customer feedback
          </Title>
          <Text c="dimmed" size="sm">
            CSAT = share of 4–5 ratings · NPS = % promoters − % detractors · CES = mean on 1–7 (7 = very easy)
          </Text>
        </Box>
        <Group gap="sm">
          <Select label="Period" data={periods} value={period} onChange={(v) => setPeriod(v ?? '30')} w={150} allowDeselect={false} />
          <Select
            label="Break down by"
            data={groupings}
            value={groupBy}
            onChange={(v) => setGroupBy(v ?? 'agent')}
            w={150}
            allowDeselect={false}
          />
        </Group>
      </Group>

      {results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} mb="lg">
            {total ? (
              <>
                <Figure label="CSAT" value={pct(total.csat.score)} hint={`${total.csat.satisfied} of ${total.csat.responses} satisfied`} />
                <Figure
                  label="NPS"
                  value={total.nps.score === null ? '–' : String(total.nps.score)}
                  hint={`${total.nps.promoters} promoters · ${total.nps.passives} passives · ${total.nps.detractors} detractors`}
                />
                <Figure
                  label="CES"
                  value={total.ces.mean === null ? '–' : total.ces.mean.toFixed(2)}
                  hint={`${total.ces.responses} answers`}
                />
              </>
            ) : (
              [1, 2, 3].map((i) => <Skeleton key={i} h={96} radius="md" />)
            )}
          </SimpleGrid>
          <Paper withBorder radius="md" mb="lg">
            <Table.ScrollContainer minWidth={560}>
              <Table striped highlightOnHover verticalSpacing="xs" aria-label="Survey results">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{groupings.find((g) => g.value === groupBy)?.label}</Table.Th>
                    <Table.Th ta="right">CSAT</Table.Th>
                    <Table.Th ta="right">Ratings</Table.Th>
                    <Table.Th ta="right">NPS</Table.Th>
                    <Table.Th ta="right">CES</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(results.data?.data ?? []).map((row) => (
                    <Table.Tr key={row.key ?? 'none'}>
                      <Table.Td>{row.label}</Table.Td>
                      <Table.Td ta="right">{pct(row.csat.score)}</Table.Td>
                      <Table.Td ta="right">{row.csat.responses}</Table.Td>
                      <Table.Td ta="right">{row.nps.score ?? '–'}</Table.Td>
                      <Table.Td ta="right">{row.ces.mean ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                  {results.data && results.data.data.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text c="dimmed" size="sm" py="md" ta="center">
                          No answers in this period yet.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}

      <Group justify="space-between" mb="xs">
        <Title order={2} fz={18}>
          Latest CSAT answers
        </Title>
        <Switch label="Only bad ratings (1–2)" checked={lowOnly} onChange={(e) => setLowOnly(e.currentTarget.checked)} />
      </Group>
      <Stack gap="xs" mb="xl">
        {answers.isError && <ErrorState error={answers.error} onRetry={() => void answers.refetch()} />}
        {answers.isPending && <Skeleton h={60} radius="md" />}
        {answers.data?.data.length === 0 && (
          <Text c="dimmed" size="sm">
            Nothing to show.
          </Text>
        )}
        {answers.data?.data.map((a) => (
          <Paper key={a.id} withBorder p="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Box miw={0}>
                <Group gap="xs" wrap="wrap">
                  <Badge color={scoreColor(a.kind, a.score)} variant="light">
                    {a.kind.toUpperCase()} {a.score}
                  </Badge>
                  {a.changes > 0 && (
                    <Badge color="gray" variant="outline" title={`First answer: ${a.first_score}`}>
                      changed from {a.first_score}
                    </Badge>
                  )}
                  <Anchor component={Link} to={`/tickets/${a.ticket_id}`} size="sm" fw={600}>
                    #{a.ticket_id} {a.ticket_subject}
                  </Anchor>
                </Group>
                {a.comment && (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    “{a.comment}”
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {a.customer_name} · {a.agent_name ?? 'unassigned'}
                  {a.group_name ? ` · ${a.group_name}` : ''} · {a.channel}
                  {a.follow_up_at ? ' · followed up' : ''}
                </Text>
              </Box>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {relativeTime(a.answered_at)}
              </Text>
            </Group>
          </Paper>
        ))}
      </Stack>

      {(user.role === 'admin' || user.role === 'head_of_support') && <SettingsPanel />}
    </Box>
  );
}

function SettingsPanel() {
  const settings = useSurveySettings();
  const update = useUpdateSurveySettings();
  const [draft, setDraft] = useState<SurveySettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  if (settings.isError) return <ErrorState error={settings.error} />;
  if (!draft) return <Skeleton h={160} radius="md" />;
  const save = async () => {
    try {
      await update.mutateAsync({
        enabled: draft.enabled,
        delay_minutes: draft.delay_minutes,
        throttle_days: draft.throttle_days,
        link_valid_days: draft.link_valid_days,
        follow_up: draft.follow_up,
      });
      notifications.show({ color: 'teal', message: 'Survey settings saved.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not save', message: errorMessage(error) });
    }
  };
  const num = (value: string | number, fallback: number) => (typeof value === 'number' ? value : Number(value) || fallback);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} fz={18} mb="sm">
        Survey settings
      </Title>
      <Stack gap="sm">
        <Switch
          label="Send a survey when a ticket is solved"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Delay after solving (minutes)"
            min={0}
            value={draft.delay_minutes}
            onChange={(v) => setDraft({ ...draft, delay_minutes: num(v, 0) })}
          />
          <NumberInput
            label="At most one survey per customer every (days)"
            min={0}
            value={draft.throttle_days}
            onChange={(v) => setDraft({ ...draft, throttle_days: num(v, 0) })}
          />
          <NumberInput
            label="Rating links work for (days)"
            min={1}
            value={draft.link_valid_days}
            onChange={(v) => setDraft({ ...draft, link_valid_days: num(v, 14) })}
          />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          When a customer rates CSAT {draft.follow_up.csat_at_most} or lower
        </Text>
        <Group gap="lg">
          <Switch
            label="Email the group's lead"
            checked={draft.follow_up.notify_lead}
            onChange={(e) => setDraft({ ...draft, follow_up: { ...draft.follow_up, notify_lead: e.currentTarget.checked } })}
          />
          <Switch
            label="Add an internal note"
            checked={draft.follow_up.internal_note}
            onChange={(e) => setDraft({ ...draft, follow_up: { ...draft.follow_up, internal_note: e.currentTarget.checked } })}
          />
          <Switch
            label="Reopen the ticket"
            checked={draft.follow_up.reopen}
            onChange={(e) => setDraft({ ...draft, follow_up: { ...draft.follow_up, reopen: e.currentTarget.checked } })}
          />
        </Group>
        <Group>
          <Button onClick={() => void save()} loading={update.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
