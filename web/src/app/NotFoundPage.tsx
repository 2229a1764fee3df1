import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router';

export function NotFoundPage({
  title = 'Page not found',
  message = 'The address may be mistyped, or the page has moved.',
}: {
  title?: string;
  message?: string;
}) {
  useEffect(() => {
    document.title = `${title} · Frontline`;
  }, [title]);
  return (
    <Center mih="calc(100dvh - 56px)" p="xl">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Text fz={64} fw={800} lh={1} c="brand.2" aria-hidden="true" style={{ letterSpacing: '-0.04em' }}>
          404
        </Text>
        <Title order={1} fz="h2">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to="/tickets" mt="sm" variant="light" leftSection={<IconArrowLeft size={16} />}>
          Back to tickets
        </Button>
      </Stack>
    </Center>
  );
}
