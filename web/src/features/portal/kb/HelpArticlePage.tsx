import { Alert, Anchor, Box, Button, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { ErrorState } from '../../../app/PageStates.tsx';
import { useDocumentTitle } from '../../../app/useDocumentTitle.ts';
import classes from '../portal.module.css';
import { newRequestPath } from '../routing.tsx';
import { articleIdFrom, helpCategoryPath, helpHome, recordArticleView, useHelpArticle, useSendFeedback } from './api.ts';
import help from './help.module.css';

/** /help/articles/:id-:slug: the article, "was this helpful?", and related articles. */
export function HelpArticlePage() {
  const { idSlug } = useParams();
  const id = articleIdFrom(idSlug);
  const article = useHelpArticle(id);
  useDocumentTitle(article.data ? article.data.title : 'Help Center');
  useEffect(() => {
    if (Number.isInteger(id) && id > 0) recordArticleView(id);
  }, [id]);

  if (article.isPending)
    return (
      <Box className={`${classes.container} ${classes.section}`}>
        <Stack role="status" aria-label="Loading the article">
          <Skeleton h={36} w="60%" />
          <Skeleton h={240} />
        </Stack>
      </Box>
    );
  if (!article.data)
    return (
      <Box className={`${classes.container} ${classes.section}`}>
        <ErrorState title="This article is not available" error={article.error} />
        <Anchor component={Link} to={helpHome} mt="md" display="inline-block">
          Back to the Help Center
        </Anchor>
      </Box>
    );
  const a = article.data;
  return (
    <Box className={`${classes.container} ${classes.section}`}>
      <Group gap={6} wrap="wrap">
        <Anchor component={Link} to={helpHome} size="sm" c="gray.7">
          Help Center
        </Anchor>
        {a.category && (
          <>
            <Text size="sm" c="gray.5" aria-hidden="true">
              /
            </Text>
            <Anchor component={Link} to={helpCategoryPath(a.category.slug)} size="sm" c="gray.7">
              {a.category.name}
            </Anchor>
          </>
        )}
      </Group>
      <Box className={help.articleLayout} mt="sm">
        <Box component="article" className={classes.card} p={{ base: 'md', sm: 32 }}>
          <Title order={1} fz={{ base: 24, sm: 30 }} style={{ letterSpacing: '-0.02em' }}>
            {a.title}
          </Title>
          <Text size="xs" c="dimmed" mt={6}>
            Updated {new Date(a.updated_at).toLocaleDateString()}
            {a.fallback ? ` · shown in ${a.locale.toUpperCase()}` : ''}
          </Text>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: body_html is rendered from Markdown with raw HTML off and sanitised (sanitize-html) on the server */}
          <Box className={help.articleBody} mt="lg" dangerouslySetInnerHTML={{ __html: a.body_html }} />
          <Feedback id={a.id} />
        </Box>
        <Stack component="aside" aria-label="Related" gap="md">
          {a.related.length > 0 && (
            <Box className={classes.card} p="lg">
              <Title order={2} fz={16} mb="sm">
                Related articles
              </Title>
              <Stack gap={8}>
                {a.related.map((r) => (
                  <Anchor key={r.id} component={Link} to={r.url} size="sm">
                    {r.title}
                  </Anchor>
                ))}
              </Stack>
            </Box>
          )}
          <Box className={classes.card} p="lg">
            <Text fw={600} size="sm">
              Still need help?
            </Text>
            <Button component={Link} to={newRequestPath} radius="xl" mt="sm" variant="light">
              Send us a request
            </Button>
          </Box>
        </Stack>
      </Box>
    </Box>
  );
}

function Feedback({ id }: { id: number }) {
  const send = useSendFeedback(id);
  const [vote, setVote] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  if (done)
    return (
      <Alert mt="xl" color="teal" variant="light" role="status">
        Thank you for your feedback.
      </Alert>
    );
  const submit = async (helpful: boolean, withComment: boolean) => {
    try {
      await send.mutateAsync({ helpful, ...(withComment && comment.trim() ? { comment: comment.trim() } : {}) });
      setDone(true);
    } catch {
      // the error shows below
    }
  };
  return (
    <Box mt="xl" pt="lg" style={{ borderTop: '1px solid #eef0f5' }}>
      <Group gap="sm" align="center">
        <Text fw={600}>Was this helpful?</Text>
        <Button
          variant={vote === true ? 'filled' : 'default'}
          radius="xl"
          size="xs"
          leftSection={<IconThumbUp size={15} />}
          onClick={() => {
            setVote(true);
            void submit(true, false);
          }}
          loading={send.isPending && vote === true}
        >
          Yes
        </Button>
        <Button
          variant={vote === false ? 'filled' : 'default'}
          radius="xl"
          size="xs"
          leftSection={<IconThumbDown size={15} />}
          onClick={() => setVote(false)}
        >
          No
        </Button>
      </Group>
      {vote === false && (
        <Stack mt="sm" gap="xs" maw={520}>
          <Textarea
            label="What was missing or wrong?"
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={2}
          />
          <Group>
            <Button radius="xl" size="sm" onClick={() => void submit(false, true)} loading={send.isPending}>
              Send feedback
            </Button>
          </Group>
        </Stack>
      )}
      {send.isError && (
        <Text c="red.8" size="sm" mt="xs" role="alert">
          {errorMessage(send.error)}
        </Text>
      )}
    </Box>
  );
}
