import { Tooltip, type TooltipProps } from '@mantine/core';
import { cloneElement, type ReactElement, useState } from 'react';

type Trigger = ReactElement<{ onMouseEnter?: (event: unknown) => void; onFocus?: (event: unknown) => void }>;

/**
 * A tooltip that costs nothing until it is wanted: lists render dozens of hints per screen, and a
 * Mantine Tooltip per cell (with its floating-ui machinery) made a 50-row list several times slower
 * to paint. The real Tooltip mounts, already open, on the first hover or keyboard focus.
 */
export function LazyTooltip({ label, children, ...props }: { label: TooltipProps['label']; children: Trigger } & Partial<TooltipProps>) {
  const [armed, setArmed] = useState(false);
  if (armed)
    return (
      <Tooltip label={label} defaultOpened {...props}>
        {children}
      </Tooltip>
    );
  const arm = (handler?: (event: unknown) => void) => (event: unknown) => {
    handler?.(event);
    setArmed(true);
  };
  return cloneElement(children, { onMouseEnter: arm(children.props.onMouseEnter), onFocus: arm(children.props.onFocus) });
}
