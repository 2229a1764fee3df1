import { Anchor, Box, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../app/PageStates.tsx';
import { useDocumentTitle } from '../../../app/useDocumentTitle.ts';
import classes from '../portal.module.css';
import { newRequestPath } from '../routing.tsx';
import { helpHome, useHelpSearch } from './api.ts';
import help from './help.module.css';
import { Highlighted } from './Highlighted.tsx';
import { HelpSearchBox } from './HelpSearchBox.tsx';

/** /help/search?q=…: the best answers first, with the matched words highlighted. */
export function HelpSearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  useDocumentTitle(q ? `“${q}” · Help Center` : 'Search · Help Center');
  const results = useHelpSearch(q);
  return (
    <Box className={`${classes.container} ${classes.section}`}>
      <Anchor component={Link} to={helpHome} size="sm" c="gray.7">
        Help Center
      </Anchor>
      <Title order={1} fz={{ base: 24, sm: 28 }} mt="xs" mb="md">
        Search results
      </Title>
      <HelpSearchBox key={q} initial={q} size="md" />
      <Box mt="lg">
        {!q.trim() ? (
          <Text c="dimmed">Type what you are looking for.</Text>
        ) : results.isPending ? (
          <Stack role="status" aria-label="Searching">
            {[1, 2, 3].map((n) => (
              <Skeleton key={n} h={72} radius="md" />
            ))}
          </Stack>
        ) : !results.data ? (
          <ErrorState title="Search is not available" error={results.error} onRetry={() => void results.refetch()} />
        ) : results.data.length === 0 ? (
          <Box className={classes.card} p="lg">
            <Text fw={600}>No articles match “{q}”.</Text>
            <Text c="gray.7" size="sm" mt={4}>
              Try other words, or{' '}
              <Anchor component={Link} to={newRequestPath}>
                send us a request
              </Anchor>
              .
            </Text>
          </Box>
        ) : (
          <Box
            className={classes.card}
            component="ol"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={`${results.data.length} articles`}
          >
            {results.data.map((hit) => (
              <li key={hit.id}>
                <Link to={hit.url} className={help.result}>
                  <Text fw={650} fz={17} c="brand.8">
                    <Highlighted html={hit.title_highlight} />
                  </Text>
                  <Text size="sm" c="gray.7" mt={4}>
                    <Highlighted html={hit.snippet} />
                  </Text>
                </Link>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}
