import { Box, Stack, Text, ThemeIcon, Title, Group } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook2 } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { reportLeave, useSuggestions } from './api.ts';
import help from './help.module.css';
import { Highlighted } from './Highlighted.tsx';

/**
 * Articles that may answer what the customer is typing into a new request. Leaving the form
 * without sending it (to another page, or closing the tab) is reported: a visit that saw
 * suggestions and ends without a request is a deflection.
 */
export function SuggestedArticles({ text, sent }: { text: string; sent: boolean }) {
  const [debounced] = useDebouncedValue(text.trim(), 400);
  const suggestions = useSuggestions(debounced);
  const shown = (suggestions.data?.length ?? 0) > 0;
  const state = useRef({ shown, sent });
  state.current = { shown, sent };

  useEffect(() => {
    const leave = () => {
      if (state.current.shown && !state.current.sent) reportLeave();
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);

  if (!shown) return null;
  return (
    <Box component="section" aria-label="Suggested articles" aria-live="polite">
      <Group gap="sm" mb="xs" wrap="nowrap">
        <ThemeIcon variant="light" radius="xl" size={30}>
          <IconBook2 size={16} aria-hidden="true" />
        </ThemeIcon>
        <Title order={2} fz={15}>
          These articles may answer your question
        </Title>
      </Group>
      <Stack gap={8}>
        {(suggestions.data ?? []).map((hit) => (
          <Link key={hit.id} to={hit.url} className={help.suggestion}>
            <Text fw={600} size="sm" c="brand.8">
              {hit.title}
            </Text>
            <Text size="xs" c="gray.7" mt={2} lineClamp={2}>
              <Highlighted html={hit.snippet} />
            </Text>
          </Link>
        ))}
      </Stack>
    </Box>
  );
}
