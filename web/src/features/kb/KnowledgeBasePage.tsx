import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconExternalLink, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { type ArticleSummary, useKbAnalytics, useKbArticles, useKbCategories, useKbSearch } from './api.ts';

export const visibilityColor = { public: 'teal', internal: 'grape', draft: 'gray' } as const;

/** /kb: every article with filters and search, and what the knowledge base achieved this month. */
export function KnowledgeBasePage() {
  useDocumentTitle('Knowledge base');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [visibility, setVisibility] = useState('all');
  const [outdated, setOutdated] = useState(false);
  const [category, setCategory] = useState<string | null>(null);
  const categories = useKbCategories();
  const list = useKbArticles({
    ...(visibility !== 'all' ? { visibility } : {}),
    ...(outdated ? { outdated: 'true' } : {}),
    ...(category ? { category } : {}),
  });
  const search = useKbSearch(debounced);
  const byId = new Map((list.data?.data ?? []).map((a) => [a.id, a]));
  // Search answers from every article (drafts excepted); those on the current page keep their figures.
  const rows: ArticleSummary[] = debounced
    ? (search.data ?? []).map(
        (hit) =>
          byId.get(hit.id) ?? {
            id: hit.id,
            title: hit.title,
            slug: hit.slug,
            url: hit.url,
            locale: hit.locale,
            locales: [hit.locale],
            visibility: hit.visibility,
            category_id: hit.category_id,
            tags: [],
            owner: null,
            outdated: false,
            review_due_at: null,
            version: 0,
            view_count: 0,
            helpful_count: 0,
            unhelpful_count: 0,
            updated_at: '',
          },
      )
    : (list.data?.data ?? []);

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1280}>
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <Box>
          <Title order={1} fz={{ base: 22, sm: 26 }}>
            Knowledge base
          </Title>
          <Text c="dimmed" size="sm">
            Articles for customers (public) and for the team (internal).{' '}
            <Anchor component={Link} to="/help" size="sm">
              Open the Help Center <IconExternalLink size={12} />
            </Anchor>
          </Text>
        </Box>
        <Button component={Link} to="/kb/new" leftSection={<IconPlus size={16} />}>
          New article
        </Button>
      </Group>
      <Figures />
      <Paper withBorder radius="md" p="md" mt="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            aria-label="Search articles"
            placeholder="Search articles"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
          />
          <SegmentedControl
            aria-label="Visibility"
            value={visibility}
            onChange={setVisibility}
            data={[
              { value: 'all', label: 'All' },
              { value: 'public', label: 'Public' },
              { value: 'internal', label: 'Internal' },
              { value: 'draft', label: 'Drafts' },
            ]}
          />
          <Select
            aria-label="Category"
            placeholder="All categories"
            clearable
            value={category}
            onChange={setCategory}
            data={(categories.data ?? []).map((c) => ({ value: c.slug, label: c.parent_id ? `— ${c.name}` : c.name }))}
            w={200}
          />
          <Switch label="Outdated only" checked={outdated} onChange={(event) => setOutdated(event.currentTarget.checked)} />
        </Group>
      </Paper>
      <Paper withBorder radius="md" mt="md">
        {list.isPending ? (
          <Box p="md" role="status" aria-label="Loading articles">
            {[1, 2, 3, 4].map((n) => (
              <Skeleton key={n} h={28} mb="sm" />
            ))}
          </Box>
        ) : !list.data ? (
          <Box p="lg">
            <ErrorState title="Could not load articles" error={list.error} onRetry={() => void list.refetch()} />
          </Box>
        ) : rows.length === 0 ? (
          <Text p="lg" c="dimmed">
            {debounced ? `No article matches “${debounced}”.` : 'No articles here yet.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th w={110}>Visibility</Table.Th>
                  <Table.Th w={80} ta="right">
                    Views
                  </Table.Th>
                  <Table.Th w={100} ta="right">
                    Helpful
                  </Table.Th>
                  <Table.Th w={130}>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => {
                  const votes = a.helpful_count + a.unhelpful_count;
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/kb/${a.id}`} fw={600} c="dark.8">
                          {a.title}
                        </Anchor>
                        <Group gap={4} mt={2}>
                          {a.outdated && (
                            <Badge color="orange" variant="light" size="xs">
                              Outdated
                            </Badge>
                          )}
                          {a.locales.length > 1 && (
                            <Badge color="blue" variant="outline" size="xs">
                              {a.locales.join(' · ')}
                            </Badge>
                          )}
                          {a.tags.slice(0, 3).map((t) => (
                            <Badge key={t} color="gray" variant="light" size="xs" tt="none">
                              {t}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={visibilityColor[a.visibility]} variant="light">
                          {a.visibility}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{a.view_count}</Table.Td>
                      <Table.Td ta="right">{votes ? `${Math.round((a.helpful_count / votes) * 100)}% of ${votes}` : '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {a.updated_at ? relativeTime(a.updated_at) : '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Box>
  );
}

function Figures() {
  const figures = useKbAnalytics();
  const f = figures.data;
  const items = [
    { label: 'Help-centre visits', value: f?.help_sessions },
    { label: 'Deflections', value: f?.deflections },
    { label: 'Deflection rate', value: f ? (f.deflection_rate === null ? '—' : `${Math.round(f.deflection_rate * 100)}%`) : undefined },
    { label: 'Tickets solved with an article', value: f?.solved_with },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Last 30 days">
      {items.map((item) => (
        <Paper key={item.label} withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed">
            {item.label}
          </Text>
          {item.value === undefined ? (
            <Skeleton h={24} mt={4} w={60} />
          ) : (
            <Text fz={22} fw={700}>
              {item.value}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
