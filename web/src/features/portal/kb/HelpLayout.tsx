import { Box, Button, Center, Loader } from '@mantine/core';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorBoundary } from '../../../app/ErrorBoundary.tsx';
import { PortalBrand, PortalFooter } from '../PortalLayout.tsx';
import classes from '../portal.module.css';
import { newRequestPath, portalHome } from '../routing.tsx';
import { helpHome } from './api.ts';

/** The public help centre's frame: open to visitors, customers and agents alike. */
export function HelpLayout() {
  const location = useLocation();
  const { user } = useAuth();
  const agent = user && user.role !== 'customer';
  return (
    <Box className={classes.shell}>
      <a className="fl-skip-link" href="#help-main">
        Skip to content
      </a>
      <Box component="header" className={classes.header}>
        <Box className={`${classes.container} ${classes.headerInner}`}>
          <PortalBrand to={helpHome} />
          <Box component="nav" aria-label="Help Center" className={classes.nav}>
            <Link to={helpHome} className={classes.navLink} aria-current={location.pathname.startsWith('/help') ? 'page' : undefined}>
              Articles
            </Link>
            {user?.role === 'customer' && (
              <Link to={portalHome} className={classes.navLink}>
                My requests
              </Link>
            )}
          </Box>
          <Box className={classes.headerActions}>
            {agent ? (
              <Button component={Link} to="/kb" variant="default" radius="xl">
                Workspace
              </Button>
            ) : user ? (
              <Button component={Link} to={newRequestPath} radius="xl">
                New request
              </Button>
            ) : (
              <Button component={Link} to="/portal/sign-in" variant="default" radius="xl">
                Sign in
              </Button>
            )}
          </Box>
        </Box>
      </Box>
      <Box component="main" id="help-main" tabIndex={-1} className={classes.main}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense
            fallback={
              <Center h={320} role="status" aria-label="Loading">
                <Loader size="sm" type="dots" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Box>
      <PortalFooter />
    </Box>
  );
}
