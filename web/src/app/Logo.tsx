import { Group, Text } from '@mantine/core';
import { LogoMark } from './LogoMark.tsx';

export function Logo({ size = 28, inverted = false }: { size?: number; inverted?: boolean }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={size} inverted={inverted} />
      <Text component="span" fw={700} fz={size * 0.68} lh={1} c={inverted ? 'white' : 'dark.8'} style={{ letterSpacing: '-0.02em' }}>
        Frontline
      </Text>
    </Group>
  );
}
