import { Anchor, Box, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../app/PageStates.tsx';
import { useDocumentTitle } from '../../../app/useDocumentTitle.ts';
import classes from '../portal.module.css';
import { helpCategoryPath, helpHome, useHelpArticles, useHelpCategories } from './api.ts';

/** /help/categories/:slug: a category's sections and their articles. */
export function HelpCategoryPage() {
  const { slug = '' } = useParams();
  const categories = useHelpCategories();
  const articles = useHelpArticles(slug, 100);
  const category = categories.data?.find((c) => c.slug === slug);
  useDocumentTitle(category ? `${category.name} · Help Center` : 'Help Center');
  const sections = (categories.data ?? []).filter((c) => c.parent_id === category?.id);
  const groups = [
    { id: category?.id ?? 0, name: sections.length ? 'General' : '', slug },
    ...sections.map((s) => ({ id: s.id, name: s.name, slug: s.slug })),
  ];
  return (
    <Box className={`${classes.container} ${classes.section}`}>
      <Anchor component={Link} to={helpHome} size="sm" c="gray.7">
        Help Center
      </Anchor>
      {categories.isPending || articles.isPending ? (
        <Stack mt="md" role="status" aria-label="Loading">
          <Skeleton h={32} w={240} />
          <Skeleton h={160} />
        </Stack>
      ) : !category || !articles.data ? (
        <Box mt="md">
          <ErrorState title="This topic does not exist" error={articles.error ?? categories.error} />
        </Box>
      ) : (
        <>
          <Title order={1} fz={{ base: 24, sm: 30 }} mt="xs">
            {category.name}
          </Title>
          {category.description && (
            <Text c="gray.7" mt={4}>
              {category.description}
            </Text>
          )}
          <Stack mt="lg" gap="lg">
            {groups.map((group) => {
              const list = (articles.data ?? []).filter((a) => a.category_id === group.id);
              if (!list.length) return null;
              return (
                <Box key={group.id} className={classes.card} p="lg">
                  {group.name && (
                    <Title order={2} fz={18} mb="sm">
                      <Anchor component={Link} to={helpCategoryPath(group.slug)} c="dark.8">
                        {group.name}
                      </Anchor>
                    </Title>
                  )}
                  <Stack gap={8}>
                    {list.map((a) => (
                      <Anchor key={a.id} component={Link} to={a.url}>
                        {a.title}
                      </Anchor>
                    ))}
                  </Stack>
                </Box>
              );
            })}
          </Stack>
        </>
      )}
    </Box>
  );
}
