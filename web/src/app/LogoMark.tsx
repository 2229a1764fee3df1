import { useId } from 'react';

/** The Frontline mark: a speech bubble with a check. Plain SVG, safe to use before Mantine loads. */
export function LogoMark({ size = 28, inverted = false }: { size?: number; inverted?: boolean }) {
  const gradient = useId();
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6877e9" />
          <stop offset="1" stopColor="#313ca6" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={inverted ? '#fff' : `url(#${gradient})`} />
      <path
        d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.2 3.4c-.5.4-1.3 0-1.3-.6V20H11.5"
        fill="none"
        stroke={inverted ? '#3a46c0' : '#fff'}
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d="M12.5 14.2l2.3 2.3 4.7-4.7"
        fill="none"
        stroke={inverted ? '#3a46c0' : '#fff'}
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
