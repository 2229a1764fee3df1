import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from './api.ts';

/** An inline error with the API's explanation and a retry button. */
export function ErrorState({
  title = 'Could not load this',
  error,
  onRetry,
  children,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <Alert variant="light" color="red" radius="md" title={title} icon={<IconAlertTriangle size={20} />} w="100%" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {children}
        {onRetry && (
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
