import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconDeviceFloppy, IconExternalLink } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import help from '../portal/kb/help.module.css';
import { type Article, type Visibility, useArticleAction, useKbArticle, useKbCategories, usePreview, useSaveArticle } from './api.ts';
import { visibilityColor } from './KnowledgeBasePage.tsx';
import { ArticleSidePanels } from './ArticlePanels.tsx';

/** /kb/new and /kb/:id: write in Markdown with a preview; versions, feedback and figures beside it. */
export function ArticleEditorPage() {
  const { id: param } = useParams();
  const id = param && /^\d+$/.test(param) ? Number(param) : null;
  const [locale, setLocale] = useState<string | undefined>(undefined);
  const article = useKbArticle(id, locale);
  useDocumentTitle(id === null ? 'New article' : (article.data?.title ?? 'Article'));
  if (id !== null && article.isPending) return <Box p="xl">Loading…</Box>;
  if (id !== null && !article.data)
    return (
      <Box p="xl">
        <ErrorState title="Could not load the article" error={article.error} onRetry={() => void article.refetch()} />
      </Box>
    );
  return (
    <Editor key={`${id}-${article.data?.locale ?? ''}-${article.data?.version ?? 0}`} id={id} article={article.data} onLocale={setLocale} />
  );
}

function Editor({ id, article, onLocale }: { id: number | null; article: Article | undefined; onLocale: (l: string) => void }) {
  const navigate = useNavigate();
  const categories = useKbCategories();
  const save = useSaveArticle(id);
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [visibility, setVisibility] = useState<Visibility>(article?.visibility ?? 'draft');
  const [category, setCategory] = useState<string | null>(article?.category ? String(article.category.id) : null);
  const [tags, setTags] = useState<string[]>(article?.tags ?? []);
  const [locale, setLocale] = useState(article?.locale ?? 'en');
  const [review, setReview] = useState(article?.review_due_at?.slice(0, 10) ?? '');
  const [note, setNote] = useState('');
  const [tab, setTab] = useState<string | null>('write');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const preview = usePreview(body, tab === 'preview');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({
        title,
        body,
        locale,
        visibility,
        category: category ? Number(category) : null,
        tags,
        review_due_at: review ? new Date(`${review}T00:00:00Z`).toISOString() : null,
        ...(note.trim() ? { version_note: note.trim() } : {}),
        ...(article && article.locale === locale ? { base_version: article.version } : {}),
      });
      notifications.show({ color: 'teal', message: id === null ? 'Article created' : `Saved as version ${saved.version}` });
      if (id === null) navigate(`/kb/${saved.id}`, { replace: true });
      else onLocale(locale);
    } catch (failure) {
      setErrors(fieldErrors(failure));
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(failure) });
    }
  };

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1280}>
      <Anchor component={Link} to="/kb" size="sm" c="gray.7" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <IconArrowLeft size={14} /> Knowledge base
      </Anchor>
      <Group justify="space-between" mt="xs" mb="md" gap="sm">
        <Group gap="sm">
          <Title order={1} fz={{ base: 20, sm: 24 }}>
            {id === null ? 'New article' : 'Edit article'}
          </Title>
          {article && (
            <Badge color={visibilityColor[article.visibility]} variant="light">
              {article.visibility}
            </Badge>
          )}
          {article && <Badge variant="outline">v{article.version}</Badge>}
        </Group>
        {article && article.visibility === 'public' && (
          <Anchor component={Link} to={article.url} size="sm">
            View in Help Center <IconExternalLink size={12} />
          </Anchor>
        )}
      </Group>
      {article?.outdated && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} mb="md" title="This article may be outdated">
          {article.outdated_reason ?? 'Its review date has passed.'} Saving an edit, or setting a new review date, clears this.
        </Alert>
      )}
      {article?.fallback && (
        <Alert color="blue" mb="md">
          No {article.requested_locale} translation yet: you are editing {article.locale}. Change the locale below to add one.
        </Alert>
      )}
      <Box style={{ display: 'grid', gap: 16 }} className="kb-editor-grid">
        <Paper component="form" withBorder radius="md" p="md" onSubmit={(e: FormEvent) => void submit(e)} aria-label="Article">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Stack gap="sm">
              <TextInput
                label="Title"
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                required
                maxLength={250}
                error={errors.title}
              />
              <Tabs value={tab} onChange={setTab}>
                <Tabs.List>
                  <Tabs.Tab value="write">Write</Tabs.Tab>
                  <Tabs.Tab value="preview">Preview</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="write" pt="xs">
                  <Textarea
                    aria-label="Body (Markdown)"
                    value={body}
                    onChange={(e) => setBody(e.currentTarget.value)}
                    autosize
                    minRows={14}
                    maxRows={30}
                    error={errors.body}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                  />
                  <Text size="xs" c="dimmed" mt={4}>
                    Markdown: **bold**, ## headings, - lists, [links](https://…), ![images](https://…)
                  </Text>
                </Tabs.Panel>
                <Tabs.Panel value="preview" pt="xs">
                  <Box
                    className={help.articleBody}
                    mih={200}
                    p="sm"
                    bg="gray.0"
                    style={{ borderRadius: 8 }}
                    // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server, exactly as readers will see it
                    dangerouslySetInnerHTML={{ __html: preview.data ?? '' }}
                  />
                </Tabs.Panel>
              </Tabs>
            </Stack>
            <Stack gap="sm">
              <Select
                label="Visibility"
                value={visibility}
                onChange={(v) => v && setVisibility(v as Visibility)}
                data={[
                  { value: 'draft', label: 'Draft — only agents see it' },
                  { value: 'internal', label: 'Internal — agents search it' },
                  { value: 'public', label: 'Public — in the Help Center' },
                ]}
                allowDeselect={false}
              />
              <Select
                label="Category"
                placeholder="None"
                clearable
                value={category}
                onChange={setCategory}
                data={(categories.data ?? []).map((c) => ({ value: String(c.id), label: c.parent_id ? `— ${c.name}` : c.name }))}
                error={errors.category}
              />
              <TagsInput label="Tags" value={tags} onChange={setTags} maxTags={30} clearable />
              <Group grow>
                <Select
                  label="Locale"
                  value={locale}
                  onChange={(v) => v && setLocale(v)}
                  data={[...new Set([...(article?.locales ?? []), locale, 'en', 'de', 'fr', 'es', 'pt', 'nl', 'it'])]}
                  allowDeselect={false}
                  searchable
                />
                <TextInput label="Review by" type="date" value={review} onChange={(e) => setReview(e.currentTarget.value)} />
              </Group>
              <TextInput
                label="What changed?"
                placeholder="A note for the version history"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={500}
              />
              <Group justify="flex-end" mt="xs">
                <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending}>
                  {id === null ? 'Create article' : 'Save'}
                </Button>
              </Group>
              {id !== null && article && <ArticleActions article={article} />}
            </Stack>
          </SimpleGrid>
        </Paper>
        {id !== null && article && <ArticleSidePanels article={article} />}
      </Box>
    </Box>
  );
}

function ArticleActions({ article }: { article: Article }) {
  const action = useArticleAction(article.id);
  const navigate = useNavigate();
  const run = async (input: Parameters<typeof action.mutateAsync>[0], done: string) => {
    try {
      await action.mutateAsync(input);
      notifications.show({ color: 'teal', message: done });
      if (input.kind === 'delete') navigate('/kb', { replace: true });
    } catch (failure) {
      notifications.show({ color: 'red', message: errorMessage(failure) });
    }
  };
  return (
    <Group gap="xs" mt="sm">
      {article.outdated ? (
        <Button variant="default" size="xs" onClick={() => void run({ kind: 'unflag' }, 'Marked as up to date')}>
          Mark up to date
        </Button>
      ) : (
        <Button
          variant="default"
          size="xs"
          color="orange"
          onClick={() => void run({ kind: 'flag', reason: 'Flagged by an agent' }, 'Flagged as outdated')}
        >
          Flag as outdated
        </Button>
      )}
      <Button
        variant="subtle"
        color="red"
        size="xs"
        onClick={() => window.confirm('Delete this article and its history?') && void run({ kind: 'delete' }, 'Article deleted')}
      >
        Delete
      </Button>
    </Group>
  );
}
