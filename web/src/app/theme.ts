import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

const brand: MantineColorsTuple = [
  '#eef0fe',
  '#dadefc',
  '#b3bbf5',
  '#8a96ef',
  '#6877e9',
  '#5363e6',
  '#4653d8',
  '#3a46c0',
  '#313ca6',
  '#263089',
];

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI Variable Text", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 6,
  colors: { brand },
  fontFamily,
  headings: { fontFamily, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Badge: { defaultProps: { radius: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md' } },
  },
});

/** Text colour for "light" variants (badges, alerts, light buttons): dark enough for 4.5:1 on the tinted background. */
const lightText: Record<string, string> = {
  brand: 'var(--mantine-color-brand-7)',
  red: 'var(--mantine-color-red-9)',
  orange: '#a33b05',
  yellow: '#8a5a00',
  teal: 'var(--mantine-color-teal-9)',
  green: '#24773a',
  blue: 'var(--mantine-color-blue-8)',
  gray: 'var(--mantine-color-gray-8)',
};

/** Darker "dimmed" and light-variant text than Mantine's defaults, so secondary text keeps a 4.5:1 contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5b626b',
    '--mantine-color-placeholder': '#6b727b',
    '--mantine-color-error': '#c92a2a',
    ...Object.fromEntries(Object.entries(lightText).map(([color, value]) => [`--mantine-color-${color}-light-color`, value])),
  },
  dark: {},
});
