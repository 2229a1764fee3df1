import { Anchor, Box, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState } from '../../../app/PageStates.tsx';
import { useDocumentTitle } from '../../../app/useDocumentTitle.ts';
import classes from '../portal.module.css';
import { helpCategoryPath, useHelpArticles, useHelpCategories } from './api.ts';
import help from './help.module.css';
import { HelpSearchBox } from './HelpSearchBox.tsx';

/** /help: search, the categories with their most-read articles. */
export function HelpHomePage() {
  useDocumentTitle('Help Center');
  const categories = useHelpCategories();
  const articles = useHelpArticles(undefined, 100);
  const top = (categories.data ?? []).filter((c) => c.parent_id === null);
  const sectionIds = (id: number) => [id, ...(categories.data ?? []).filter((c) => c.parent_id === id).map((c) => c.id)];
  return (
    <>
      <Box className={classes.hero}>
        <Box className={classes.container}>
          <Title order={1} className={classes.heroTitle}>
            How can we help?
          </Title>
          <Text c="gray.7" mt={6} mb="lg">
            Search our articles, or browse by topic.
          </Text>
          <HelpSearchBox />
        </Box>
      </Box>
      <Box className={`${classes.container} ${classes.section}`}>
        <Title order={2} fz={20} mb="md">
          Browse by topic
        </Title>
        {categories.isPending ? (
          <Box className={help.categories} role="status" aria-label="Loading topics">
            {[1, 2, 3].map((n) => (
              <Skeleton key={n} h={140} radius="lg" />
            ))}
          </Box>
        ) : !categories.data ? (
          <ErrorState title="Could not load the topics" error={categories.error} onRetry={() => void categories.refetch()} />
        ) : top.length === 0 ? (
          <Text c="dimmed">No articles have been published yet.</Text>
        ) : (
          <Box className={help.categories}>
            {top.map((category) => {
              const inCategory = (articles.data ?? []).filter(
                (a) => a.category_id !== null && sectionIds(category.id).includes(a.category_id),
              );
              const count = (categories.data ?? [])
                .filter((c) => sectionIds(category.id).includes(c.id))
                .reduce((n, c) => n + c.article_count, 0);
              return (
                <Box key={category.id} className={`${classes.card} ${help.categoryCard}`}>
                  <Anchor component={Link} to={helpCategoryPath(category.slug)} fw={650} fz={17} c="dark.8">
                    {category.name}
                  </Anchor>
                  {category.description && (
                    <Text size="sm" c="gray.7" mt={4}>
                      {category.description}
                    </Text>
                  )}
                  <Stack gap={6} mt="sm">
                    {inCategory
                      .sort((a, b) => b.view_count - a.view_count)
                      .slice(0, 4)
                      .map((a) => (
                        <Anchor key={a.id} component={Link} to={a.url} size="sm">
                          {a.title}
                        </Anchor>
                      ))}
                  </Stack>
                  <Text size="xs" c="dimmed" mt="sm">
                    {count} {count === 1 ? 'article' : 'articles'}
                  </Text>
                </Box>
              );
            })}
          </Box>
        )}
      </Box>
    </>
  );
}
