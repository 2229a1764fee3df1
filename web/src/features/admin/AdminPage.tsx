import { Box, Button, Center, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { roleLabels } from '../../app/permissions.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { adminPath, sectionBySlug, sectionsFor } from './sections.ts';

/** The frame of every admin screen: title, what it is for, its main action; refuses roles without access. */
export function AdminPage({ slug, actions, children }: { slug: string; actions?: ReactNode; children: ReactNode }) {
  const user = useCurrentUser();
  const section = sectionBySlug(slug);
  useDocumentTitle(section?.label ?? 'Admin');
  if (!section?.roles.includes(user.role)) return <NoAccess role={user.role} />;
  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={1280}>
      <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
        <Box style={{ flex: '1 1 320px' }}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
            Admin
          </Text>
          <Title order={1} fz={{ base: 22, sm: 26 }} style={{ letterSpacing: '-0.01em' }}>
            {section.label}
          </Title>
          <Text c="dimmed" size="sm" mt={2}>
            {section.description}
          </Text>
        </Box>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Box>
  );
}

/** /admin: the first admin screen this role may open. */
export function AdminHome() {
  const user = useCurrentUser();
  const first = sectionsFor(user.role)[0];
  if (!first) return <NoAccess role={user.role} />;
  return <Navigate to={adminPath(first.slug)} replace />;
}

function NoAccess({ role }: { role: keyof typeof roleLabels }) {
  useDocumentTitle('No access');
  return (
    <Center mih="calc(100dvh - 56px)" p="xl">
      <EmptyState
        icon={<IconLock size={28} stroke={1.6} />}
        withIndicatorBackground
        title="You don’t have access to this page"
        description={`Admin screens are for administrators. Your role is ${roleLabels[role]}; ask an administrator if you need this.`}
      >
        <EmptyState.Actions>
          <Button component={Link} to="/tickets" variant="default">
            Back to tickets
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

export function Th({ children, w, ta }: { children?: ReactNode; w?: number | string; ta?: 'left' | 'right' | 'center' }) {
  return (
    <Table.Th w={w} ta={ta} fz="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}>
      {children}
    </Table.Th>
  );
}

/** Placeholder rows while a table loads. */
export function TableSkeleton({ label, rows = 6, columns = 4 }: { label: string; rows?: number; columns?: number }) {
  return (
    <Stack gap={0} role="status" aria-label={label}>
      {[...Array(rows).keys()].map((row) => (
        <Group
          key={row}
          px="md"
          py={14}
          gap="lg"
          wrap="nowrap"
          style={row > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
        >
          <Skeleton h={28} w={28} circle />
          {[...Array(columns).keys()].map((column) => (
            <Skeleton
              key={column}
              h={12}
              style={{ flex: column === 0 ? 2 : 1 }}
              maw={column === 0 ? `${40 + ((row * 17) % 30)}%` : undefined}
            />
          ))}
        </Group>
      ))}
    </Stack>
  );
}

/** A bordered white panel, the container of every admin table and list. */
export function Panel({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} aria-busy={busy}>
      {children}
    </Paper>
  );
}

export function PanelEmpty({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Center py={56} px="md">
      <EmptyState icon={icon} withIndicatorBackground title={title} description={description}>
        {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
      </EmptyState>
    </Center>
  );
}
