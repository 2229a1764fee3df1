import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { type Article, useArticleAction, useArticleFigures, useFeedback, useVersion, useVersions } from './api.ts';

/** Versions with a diff and restore, readers' feedback, and the article's figures. */
export function ArticleSidePanels({ article }: { article: Article }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Tabs defaultValue="versions">
        <Tabs.List>
          <Tabs.Tab value="versions">Versions</Tabs.Tab>
          <Tabs.Tab value="feedback">Feedback</Tabs.Tab>
          <Tabs.Tab value="figures">Figures</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="versions" pt="md">
          <Versions article={article} />
        </Tabs.Panel>
        <Tabs.Panel value="feedback" pt="md">
          <FeedbackList id={article.id} />
        </Tabs.Panel>
        <Tabs.Panel value="figures" pt="md">
          <Figures id={article.id} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

function Versions({ article }: { article: Article }) {
  const versions = useVersions(article.id, article.locale);
  const [selected, setSelected] = useState<number | null>(null);
  const detail = useVersion(article.id, selected, article.locale);
  const action = useArticleAction(article.id);
  const restore = async (version: number) => {
    try {
      await action.mutateAsync({ kind: 'restore', version, locale: article.locale });
      notifications.show({ color: 'teal', message: `Version ${version} restored as a new version` });
      setSelected(null);
    } catch (failure) {
      notifications.show({ color: 'red', message: errorMessage(failure) });
    }
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap={4} aria-label="Versions">
        {(versions.data ?? []).map((v) => (
          <UnstyledButton
            key={v.version}
            onClick={() => setSelected(v.version)}
            p="xs"
            style={{ borderRadius: 8, background: selected === v.version ? 'var(--mantine-color-brand-0)' : undefined }}
            aria-pressed={selected === v.version}
          >
            <Group gap="xs" wrap="nowrap">
              <Badge variant={v.version === article.version ? 'filled' : 'outline'} size="sm">
                v{v.version}
              </Badge>
              <Box style={{ minWidth: 0 }}>
                <Text size="sm" truncate>
                  {v.note || v.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {v.author?.name ?? 'Someone'} · {formatDateTime(v.created_at)}
                </Text>
              </Box>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
      <Box>
        {selected === null ? (
          <Text size="sm" c="dimmed">
            Pick a version to see what changed.
          </Text>
        ) : detail.data ? (
          <Stack gap="xs">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                v{detail.data.version} {detail.data.compared_to ? `compared with v${detail.data.compared_to}` : '(first version)'}
              </Text>
              {detail.data.version !== article.version && (
                <Button size="xs" variant="light" onClick={() => void restore(detail.data.version)} loading={action.isPending}>
                  Restore this version
                </Button>
              )}
            </Group>
            {detail.data.title_changed && (
              <Text size="xs" c="dimmed">
                Title: {detail.data.title}
              </Text>
            )}
            <Box
              component="pre"
              aria-label="Changes"
              style={{
                fontSize: 12,
                margin: 0,
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
                maxHeight: 360,
                overflow: 'auto',
                borderRadius: 8,
                border: '1px solid #e6e8f0',
              }}
            >
              {detail.data.changes.map((change, index) => (
                <Box
                  // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed list
                  key={index}
                  component="span"
                  display="block"
                  px={8}
                  bg={change.kind === 'added' ? 'teal.0' : change.kind === 'removed' ? 'red.0' : undefined}
                  c={change.kind === 'removed' ? 'red.9' : change.kind === 'added' ? 'teal.9' : 'gray.8'}
                  style={change.kind === 'removed' ? { textDecoration: 'line-through' } : undefined}
                >
                  {change.text
                    .replace(/\n$/, '')
                    .split('\n')
                    .map((line) => `${change.kind === 'added' ? '+ ' : change.kind === 'removed' ? '− ' : '  '}${line}`)
                    .join('\n')}
                </Box>
              ))}
            </Box>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        )}
      </Box>
    </SimpleGrid>
  );
}

function FeedbackList({ id }: { id: number }) {
  const feedback = useFeedback(id);
  if (!feedback.data) return <Text size="sm">Loading…</Text>;
  if (!feedback.data.length)
    return (
      <Text size="sm" c="dimmed">
        No feedback yet.
      </Text>
    );
  return (
    <Stack gap="xs">
      {feedback.data.map((f) => (
        <Group key={f.id} gap="sm" align="flex-start" wrap="nowrap">
          <Badge color={f.helpful ? 'teal' : 'red'} variant="light" miw={70}>
            {f.helpful ? 'Helpful' : 'Not helpful'}
          </Badge>
          <Box>
            <Text size="sm">
              {f.comment || (
                <Text span c="dimmed">
                  No comment
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {f.user?.name ?? 'Visitor'} · {formatDateTime(f.created_at)}
            </Text>
          </Box>
        </Group>
      ))}
    </Stack>
  );
}

function Figures({ id }: { id: number }) {
  const figures = useArticleFigures(id);
  const f = figures.data;
  if (!f) return <Text size="sm">Loading…</Text>;
  const items: [string, number][] = [
    ['Views', f.views],
    ['Helpful', f.helpful],
    ['Not helpful', f.unhelpful],
    ['Suggested', f.suggested],
    ['Deflections', f.deflections],
    ['Solved tickets', f.solved_with],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
      {items.map(([label, value]) => (
        <Box key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fz={20} fw={700}>
            {value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
