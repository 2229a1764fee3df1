import { Anchor, Avatar, Badge, Box, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconAt,
  IconBuilding,
  IconCircleCheckFilled,
  IconMail,
  IconMessageCircle,
  IconPhone,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { initials, relativeTime } from '../../app/format.ts';
import { useNow } from '../../app/useNow.ts';
import { useCustomer, useOrganization, useRequesterTickets } from './api.ts';
import { StatusBadge } from './Badges.tsx';
import type { IdentityKind, Ticket } from './types.ts';

const identityIcons: Record<IdentityKind, Icon> = {
  email: IconMail,
  phone: IconPhone,
  chat: IconMessageCircle,
  social: IconAt,
};

const identityLabels: Record<IdentityKind, string> = {
  email: 'Email',
  phone: 'Phone',
  chat: 'Chat',
  social: 'Social',
};

const tierColors: Record<string, string> = {
  platinum: 'violet',
  gold: 'yellow',
  silver: 'gray',
  bronze: 'orange',
  enterprise: 'violet',
  vip: 'red',
};

// The API gives amounts in cents without a currency; shown in US dollars.
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const formatMoney = (cents: number) => (cents >= 1_000_000_00 ? compactMoney : money).format(cents / 100);

function TierBadge({ tier }: { tier: string }) {
  if (!tier) return null;
  return (
    <Badge size="sm" variant="light" color={tierColors[tier.toLowerCase()] ?? 'gray'} tt="capitalize" radius="sm" title="Value tier">
      {tier}
    </Badge>
  );
}

/** Who is asking: the requester's identities, organization, value and their other recent tickets. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const now = useNow();
  const customer = useCustomer(ticket.requester_id);
  const organization = useOrganization(customer.data?.organization_id ?? ticket.organization_id);
  const recent = useRequesterTickets(ticket.requester_id);
  const others = (recent.data?.data ?? []).filter((item) => item.id !== ticket.id).slice(0, 5);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fl-customer-title">
      <Title order={2} fz="sm" fw={700} mb="sm" id="fl-customer-title">
        Customer
      </Title>
      {customer.isPending ? (
        <Stack gap={10} role="status" aria-label="Loading customer">
          <Group gap="sm">
            <Skeleton h={36} w={36} circle />
            <Skeleton h={12} w="50%" />
          </Group>
          <Skeleton h={10} w="80%" />
          <Skeleton h={10} w="60%" />
        </Stack>
      ) : customer.isError ? (
        <Group gap={6} wrap="nowrap" align="flex-start" role="alert">
          <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed">
            {ticket.requester.name}: the customer record could not load. {errorMessage(customer.error)}
          </Text>
        </Group>
      ) : (
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Avatar size={36} radius="xl" color="teal" variant="light" aria-hidden="true">
              {initials(customer.data.name)}
            </Avatar>
            <Box style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text fw={600} size="sm">
                  {customer.data.name}
                </Text>
                <TierBadge tier={customer.data.value_tier} />
              </Group>
              <Text size="xs" c="dimmed">
                {[customer.data.language.toUpperCase(), customer.data.time_zone].filter(Boolean).join(' · ')}
              </Text>
            </Box>
          </Group>

          {customer.data.identities.length > 0 && (
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Identities">
              {customer.data.identities.map((identity) => {
                const IdentityIcon = identityIcons[identity.kind];
                const value =
                  identity.kind === 'email' ? (
                    <Anchor href={`mailto:${identity.value}`} size="sm" style={{ wordBreak: 'break-all' }}>
                      {identity.value}
                    </Anchor>
                  ) : identity.kind === 'phone' ? (
                    <Anchor href={`tel:${identity.value}`} size="sm">
                      {identity.value}
                    </Anchor>
                  ) : (
                    <Text span size="sm" style={{ wordBreak: 'break-all' }}>
                      {identity.value}
                    </Text>
                  );
                return (
                  <Group component="li" key={identity.id} gap={8} wrap="nowrap" align="center">
                    <Tooltip label={identityLabels[identity.kind]}>
                      <IdentityIcon size={15} stroke={1.7} color="var(--mantine-color-dimmed)" aria-label={identityLabels[identity.kind]} />
                    </Tooltip>
                    <Box style={{ minWidth: 0 }}>{value}</Box>
                    {identity.verified && (
                      <Tooltip label="Verified">
                        <IconCircleCheckFilled
                          size={14}
                          color="var(--mantine-color-teal-7)"
                          aria-label="verified"
                          style={{ flexShrink: 0 }}
                        />
                      </Tooltip>
                    )}
                  </Group>
                );
              })}
            </Stack>
          )}

          <Group gap="xl" wrap="nowrap">
            <Box>
              <Text size="xs" c="dimmed">
                Lifetime value
              </Text>
              <Text size="sm" fw={600}>
                {formatMoney(customer.data.lifetime_value_cents)}
              </Text>
            </Box>
            <Box>
              <Text size="xs" c="dimmed">
                Customer since
              </Text>
              <Text size="sm" fw={600}>
                {new Date(customer.data.created_at).getFullYear()}
              </Text>
            </Box>
          </Group>

          {(customer.data.organization_id ?? ticket.organization_id) !== null && (
            <Box pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              {organization.isPending ? (
                <Skeleton h={12} w="60%" mt={6} />
              ) : organization.data ? (
                <Stack gap={4}>
                  <Group gap={6} wrap="nowrap">
                    <IconBuilding size={15} stroke={1.7} color="var(--mantine-color-dimmed)" aria-label="Organization" />
                    <Text size="sm" fw={600} truncate="end">
                      {organization.data.name}
                    </Text>
                    <TierBadge tier={organization.data.value_tier} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    Organization lifetime value {formatMoney(organization.data.lifetime_value_cents)}
                    {organization.data.domains.length > 0 ? ` · ${organization.data.domains.join(', ')}` : ''}
                  </Text>
                </Stack>
              ) : (
                <Text size="xs" c="dimmed">
                  Organization could not load.
                </Text>
              )}
            </Box>
          )}
        </Stack>
      )}

      <Box mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Group justify="space-between" mb={6}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.05em' }} component="h3" m={0}>
            Recent tickets
          </Text>
          {others.length > 0 && (
            <Anchor component={Link} to={`/tickets?q=${encodeURIComponent(`requester:${ticket.requester_id}`)}`} size="xs">
              All tickets
            </Anchor>
          )}
        </Group>
        {recent.isPending ? (
          <Stack gap={8}>
            <Skeleton h={10} w="90%" />
            <Skeleton h={10} w="70%" />
          </Stack>
        ) : recent.isError ? (
          <Text size="xs" c="dimmed">
            Could not load: {errorMessage(recent.error)}
          </Text>
        ) : others.length === 0 ? (
          <Text size="xs" c="dimmed">
            This is their only ticket.
          </Text>
        ) : (
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {others.map((item) => (
              <li key={item.id}>
                <Link to={`/tickets/${item.id}`} className="fl-customer-link">
                  <Group gap={8} wrap="nowrap" py={5} px={4}>
                    <StatusBadge status={item.status} size="xs" />
                    <Text size="sm" truncate="end" style={{ flex: 1, minWidth: 0 }}>
                      {item.subject}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {relativeTime(item.updated_at, now)}
                    </Text>
                  </Group>
                </Link>
              </li>
            ))}
          </Stack>
        )}
      </Box>
    </Paper>
  );
}
