import { Alert, Anchor, Box, Button, Divider, Loader, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconLinkOff, IconLock, IconMail, IconMailCheck, IconSparkles } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, fieldErrors, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { FullPageLoader } from '../../app/FullPage.tsx';
import type { Session } from '../../app/types.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { portalAuth, useAdoptSession } from './api.ts';
import { PortalAuthFrame } from './PortalAuthFrame.tsx';
import classes from './portal.module.css';
import { portalHome } from './routing.tsx';

const emailPattern = /^\S+@\S+\.\S+$/;

const homeFor = (session: Session | null | undefined) => (session?.user.role === 'customer' ? portalHome : '/tickets');

type Mode = 'link' | 'password';

/** /portal/sign-in: a sign-in link by email (the default), or a password; `?token=` redeems a link. */
export function PortalSignInPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  if (token) return <RedeemLink token={token} />;
  return <SignInForms />;
}

function SignInForms() {
  useDocumentTitle('Sign in to the Help Center');
  const { status, session, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; mode?: Mode; email?: string } | null;
  const from = state?.from;

  const [mode, setMode] = useState<Mode>(state?.mode ?? 'link');
  const [email, setEmail] = useState(state?.email ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (status === 'loading') return <FullPageLoader label="Loading the Help Center…" />;
  if (status === 'signed_in' && !busy) return <Navigate to={from ?? homeFor(session)} replace />;

  const validEmail = (): boolean => {
    const trimmed = email.trim();
    const problemText = !trimmed
      ? 'Enter your email address'
      : !emailPattern.test(trimmed)
        ? 'Enter an email address like name@example.com'
        : undefined;
    setErrors(problemText ? { email: problemText } : {});
    if (problemText) emailRef.current?.focus();
    return !problemText;
  };

  const sendLink = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!validEmail()) return;
    setProblem(null);
    setBusy(true);
    try {
      await portalAuth.sendLink(email.trim());
      setSentTo(email.trim());
    } catch (failure) {
      const fields = fieldErrors(failure);
      if (fields.email) setErrors({ email: 'Enter a valid email address' });
      else setProblem(describe(failure));
    } finally {
      setBusy(false);
    }
  };

  const signInWithPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!validEmail()) return;
    if (!password) {
      setErrors({ password: 'Enter your password' });
      passwordRef.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const signedIn = await signIn(email.trim(), password);
      navigate(from ?? homeFor(signedIn), { replace: true });
    } catch (failure) {
      setBusy(false);
      setProblem(describe(failure));
      if (isApiError(failure) && failure.status === 401) passwordRef.current?.select();
    }
  };

  if (sentTo) {
    return (
      <PortalAuthFrame>
        <Stack gap="md" align="flex-start" aria-live="polite">
          <span className={classes.authIcon}>
            <IconMailCheck size={30} stroke={1.6} aria-hidden="true" />
          </span>
          <Title order={1} className={classes.authTitle}>
            Check your inbox
          </Title>
          <Text>
            If <b>{sentTo}</b> belongs to an account, a sign-in link is on its way. Open it on this device within 15 minutes.
          </Text>
          <Text size="sm" c="dimmed">
            Nothing after a few minutes? Check your spam folder, or send a new link.
          </Text>
          <Stack gap="xs" w="100%" mt="xs">
            <Button variant="default" fullWidth loading={busy} onClick={() => void sendLink()}>
              Send a new link
            </Button>
            <Button
              variant="subtle"
              fullWidth
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => {
                setSentTo(null);
                setProblem(null);
              }}
            >
              Use a different email
            </Button>
          </Stack>
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={problem.title} w="100%" role="alert">
              {problem.message}
            </Alert>
          )}
        </Stack>
      </PortalAuthFrame>
    );
  }

  return (
    <PortalAuthFrame below={<AgentHint />}>
      <Title order={1} className={classes.authTitle}>
        Sign in to get help
      </Title>
      <Text c="dimmed" mt={6} mb="lg">
        Follow your requests and reply to our support team.
      </Text>

      <SegmentedControl
        fullWidth
        radius="xl"
        mb="lg"
        value={mode}
        onChange={(value) => {
          setMode(value === 'password' ? 'password' : 'link');
          setProblem(null);
          setErrors({});
        }}
        aria-label="How to sign in"
        data={[
          { value: 'link', label: 'Email me a link' },
          { value: 'password', label: 'Use a password' },
        ]}
      />

      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={problem.title} mb="md" role="alert">
          {problem.message}
        </Alert>
      )}

      <form
        noValidate
        aria-label={mode === 'link' ? 'Email me a sign-in link' : 'Sign in with a password'}
        onSubmit={(event) => void (mode === 'link' ? sendLink(event) : signInWithPassword(event))}
      >
        <Stack gap="md">
          <TextInput
            ref={emailRef}
            label="Email"
            type="email"
            autoComplete="email"
            placeholder="you@example.com"
            leftSection={<IconMail size={16} stroke={1.7} />}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
            size="md"
            autoFocus
          />
          {mode === 'password' && (
            <PasswordInput
              ref={passwordRef}
              label="Password"
              autoComplete="current-password"
              leftSection={<IconLock size={16} stroke={1.7} />}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              size="md"
            />
          )}
          <Button
            type="submit"
            size="md"
            fullWidth
            radius="xl"
            loading={busy}
            leftSection={mode === 'link' ? <IconSparkles size={18} /> : undefined}
          >
            {mode === 'link' ? 'Email me a sign-in link' : 'Sign in'}
          </Button>
          {mode === 'link' && (
            <Text size="xs" c="dimmed" ta="center">
              No password needed: we send a link that signs you in.
            </Text>
          )}
        </Stack>
      </form>

      <Divider my="lg" />
      <Text size="sm" ta="center">
        New here?{' '}
        <Anchor component={Link} to="/portal/sign-up" state={from ? { from } : undefined} fw={600}>
          Create an account
        </Anchor>
      </Text>
    </PortalAuthFrame>
  );
}

function AgentHint() {
  return (
    <Text size="sm" c="dimmed" mt="lg" ta="center">
      On the support team?{' '}
      <Anchor component={Link} to="/sign-in" c="brand.7">
        Sign in to the agent workspace
      </Anchor>
    </Text>
  );
}

function describe(error: unknown): { title: string; message: string } {
  if (isApiError(error)) {
    if (error.status === 401)
      return { title: 'Wrong email or password', message: 'Check both and try again, or get a sign-in link by email instead.' };
    if (error.status === 429) return { title: 'Too many attempts', message: error.detail || 'Wait a minute, then try again.' };
  }
  return { title: 'Something went wrong', message: errorMessage(error) };
}

/* Redeeming a sign-in link ------------------------------------------------------------------- */

// One redemption per token, even when React runs the effect twice (StrictMode) or the page re-renders.
const redemptions = new Map<string, Promise<Session>>();
function redeemOnce(token: string): Promise<Session> {
  let promise = redemptions.get(token);
  if (!promise) {
    promise = portalAuth.redeem(token);
    redemptions.set(token, promise);
  }
  return promise;
}

function RedeemLink({ token }: { token: string }) {
  useDocumentTitle('Signing you in');
  const adopt = useAdoptSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    redeemOnce(token).then(
      (session) => {
        if (!current) return;
        adopt(session);
        navigate(homeFor(session), { replace: true });
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [token, adopt, navigate]);

  if (!error) {
    return (
      <PortalAuthFrame>
        <Stack align="center" gap="md" py="lg" role="status" aria-live="polite">
          <Loader size="md" />
          <Title order={1} className={classes.authTitle} ta="center">
            Signing you in…
          </Title>
          <Text c="dimmed" ta="center">
            One moment while we open your requests.
          </Text>
        </Stack>
      </PortalAuthFrame>
    );
  }

  const expired = isApiError(error) && (error.status === 401 || error.status === 400);
  return (
    <PortalAuthFrame below={<AgentHint />}>
      <Stack gap="md" align="flex-start">
        <span className={classes.authIcon} data-tone="error">
          <IconLinkOff size={28} stroke={1.6} aria-hidden="true" />
        </span>
        <Title order={1} className={classes.authTitle}>
          {expired ? 'This link no longer works' : 'We could not sign you in'}
        </Title>
        <Text role="alert">
          {expired ? 'Sign-in links work once, for 15 minutes. Ask for a new one and use the newest email.' : errorMessage(error)}
        </Text>
        <Box w="100%" mt="xs">
          <Button component={Link} to="/portal/sign-in" replace fullWidth radius="xl" size="md">
            Get a new sign-in link
          </Button>
        </Box>
      </Stack>
    </PortalAuthFrame>
  );
}
