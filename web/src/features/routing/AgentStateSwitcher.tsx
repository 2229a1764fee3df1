import { Badge, Box, Button, Group, Indicator, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconCircleFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { type AgentState, stateColors, stateLabels, useAnswerOffer, useMyAgentState, useMyOffers, useSetMyAgentState } from './api.ts';

const choices: AgentState[] = ['online', 'away', 'wrap_up', 'offline'];

/** The header control where an agent says whether they take work now; pending offers show beside it. */
export function AgentStateSwitcher() {
  const current = useMyAgentState();
  const setState = useSetMyAgentState();
  const offers = useMyOffers(current.data?.state === 'online');
  const answer = useAnswerOffer();
  const state = current.data?.state ?? 'offline';
  const pending = offers.data?.data ?? [];

  const choose = (next: AgentState) =>
    setState.mutate(next, {
      onError: (error) => notifications.show({ color: 'red', title: 'Could not change your state', message: errorMessage(error) }),
    });
  const reply = (id: number, accept: boolean) =>
    answer.mutate(
      { id, accept },
      { onError: (error) => notifications.show({ color: 'red', title: 'Could not answer the offer', message: errorMessage(error) }) },
    );

  return (
    <Menu position="bottom-end" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          className="fl-user-button"
          aria-label={`Your routing state: ${stateLabels[state]}${pending.length ? `, ${pending.length} offers waiting` : ''}. Change it`}
          data-testid="agent-state"
        >
          <Group gap={8} wrap="nowrap">
            <Indicator disabled={pending.length === 0} label={pending.length} size={16} color="red" offset={2}>
              <IconCircleFilled size={12} color={`var(--mantine-color-${stateColors[state]}-6)`} aria-hidden />
            </Indicator>
            <Text size="sm" fw={500} visibleFrom="xs">
              {stateLabels[state]}
            </Text>
            <IconChevronDown size={14} stroke={2} color="var(--mantine-color-dimmed)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Take work?</Menu.Label>
        {choices.map((choice) => (
          <Menu.Item
            key={choice}
            leftSection={<IconCircleFilled size={10} color={`var(--mantine-color-${stateColors[choice]}-6)`} aria-hidden />}
            rightSection={
              choice === state ? (
                <Badge size="xs" variant="light">
                  now
                </Badge>
              ) : null
            }
            onClick={() => choose(choice)}
            disabled={setState.isPending}
          >
            {stateLabels[choice]}
          </Menu.Item>
        ))}
        {pending.length > 0 && (
          <>
            <Menu.Divider />
            <Menu.Label>Offered to you</Menu.Label>
            {pending.map((offer) => (
              <Box key={offer.id} px="sm" py={6}>
                <Text size="sm" fw={500} lineClamp={1}>
                  <Link to={`/tickets/${offer.ticket_id}`}>#{offer.ticket_id}</Link> {offer.subject}
                </Text>
                <Group gap={6} mt={4}>
                  <Button size="compact-xs" onClick={() => reply(offer.id, true)} loading={answer.isPending}>
                    Accept
                  </Button>
                  <Button size="compact-xs" variant="default" onClick={() => reply(offer.id, false)} disabled={answer.isPending}>
                    Decline
                  </Button>
                  <Text size="xs" c="dimmed">
                    {offer.priority.toUpperCase()} · {offer.channel}
                  </Text>
                </Group>
              </Box>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Item component={Link} to="/routing">
          Queue board
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
