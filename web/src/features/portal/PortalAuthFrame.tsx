import { Box } from '@mantine/core';
import type { ReactNode } from 'react';
import { PortalBrand, PortalFooter } from './PortalLayout.tsx';
import classes from './portal.module.css';

/** The frame of the signed-out portal pages: the help-centre header, one centred card, the footer. */
export function PortalAuthFrame({ children, below }: { children: ReactNode; below?: ReactNode }) {
  return (
    <Box className={classes.authPage}>
      <Box component="header">
        <Box className={`${classes.container} ${classes.headerInner}`}>
          <PortalBrand to="/portal/sign-in" />
        </Box>
      </Box>
      <Box component="main" className={classes.authMain}>
        <Box className={classes.authCard}>{children}</Box>
        {below}
      </Box>
      <PortalFooter />
    </Box>
  );
}
