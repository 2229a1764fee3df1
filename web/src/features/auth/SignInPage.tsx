import { Alert, Anchor, Box, Button, Group, List, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconClockPause, IconCheck, IconLock, IconMail } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { Logo } from '../../app/Logo.tsx';
import { FullPageLoader } from '../../app/FullPage.tsx';
import classes from './SignInPage.module.css';

interface Problem {
  title: string;
  message: string;
  tone: 'red' | 'orange';
}

function describe(error: unknown): Problem {
  if (isApiError(error)) {
    if (error.status === 401) {
      return { title: 'Wrong email or password', message: error.detail || 'Check both and try again.', tone: 'red' };
    }
    if (error.status === 429) {
      return {
        title: 'Sign-in paused for a moment',
        message: error.detail || 'Too many attempts; wait a minute, then try again.',
        tone: 'orange',
      };
    }
    if (error.status === 400) {
      return {
        title: 'Check what you entered',
        message: error.errors[0]?.message ? `${error.detail} (${error.errors[0].message})` : error.detail,
        tone: 'red',
      };
    }
  }
  return { title: 'Could not sign in', message: errorMessage(error), tone: 'red' };
}

const highlights = [
  'Every channel lands in one shared queue',
  'Internal notes your customers never see',
  'A search language for precise views',
];

export function SignInPage() {
  const { status, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Frontline';
  }, []);

  if (status === 'loading') return <FullPageLoader />;
  if (status === 'signed_in' && !submitting) return <Navigate to={from ?? '/tickets'} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: { email?: string; password?: string } = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    else if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors.email = 'Enter an email address like name@company.com';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const session = await signIn(email.trim(), password);
      navigate(from ?? (session.user.role === 'customer' ? '/portal' : '/tickets'), { replace: true });
    } catch (error) {
      setSubmitting(false);
      setProblem(describe(error));
      if (isApiError(error) && error.status === 401) {
        passwordRef.current?.focus();
        passwordRef.current?.select();
      }
    }
  };

  return (
    <Box className={classes.page}>
      <Box component="aside" className={classes.brandPanel} aria-label="About Frontline">
        <Logo size={30} inverted />
        <Stack gap="xl" className={classes.pitch}>
          <Title order={2} className={classes.headline}>
            Every customer conversation, in one calm place.
          </Title>
          <List
            spacing="sm"
            icon={
              <ThemeIcon size={22} radius="xl" color="rgba(255,255,255,0.14)">
                <IconCheck size={14} stroke={2.5} />
              </ThemeIcon>
            }
            classNames={{ item: classes.highlight }}
          >
            {highlights.map((text) => (
              <List.Item key={text}>{text}</List.Item>
            ))}
          </List>
          <ProductPreview />
        </Stack>
        <Text size="xs" className={classes.brandFooter}>
          Frontline · the open-source help desk
        </Text>
      </Box>

      <Box component="main" className={classes.formPanel}>
        <Box className={classes.formInner}>
          <Box hiddenFrom="md" mb={40}>
            <Logo size={30} />
          </Box>
          <Title order={1} className={classes.title}>
            Sign in
          </Title>
          <Text c="dimmed" mt={6} mb="xl">
            Welcome back. Use the email and password of your Frontline account.
          </Text>

          {problem && (
            <Alert
              role="alert"
              variant="light"
              color={problem.tone}
              title={problem.title}
              icon={problem.tone === 'orange' ? <IconClockPause size={20} /> : <IconAlertCircle size={20} />}
              mb="lg"
            >
              {problem.message}
            </Alert>
          )}

          <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Sign in">
            <Stack gap="md">
              <TextInput
                ref={emailRef}
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                placeholder="you@company.com"
                leftSection={<IconMail size={16} stroke={1.7} />}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldErrors.email}
                size="md"
                required
                withAsterisk={false}
                autoFocus
              />
              <PasswordInput
                ref={passwordRef}
                label="Password"
                name="password"
                autoComplete="current-password"
                leftSection={<IconLock size={16} stroke={1.7} />}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldErrors.password}
                size="md"
                required
                withAsterisk={false}
              />
              <Button type="submit" size="md" fullWidth loading={submitting} mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>

          <Group gap={6} mt="xl" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed">
              Forgot your password? Ask your Frontline administrator or support team to reset it.
            </Text>
          </Group>

          <Box mt="xl" pt="lg" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="sm" fw={600}>
              Looking for help with a request?
            </Text>
            <Text size="sm" c="dimmed" mt={2}>
              Customers use the Help Center:{' '}
              <Anchor component={Link} to="/portal/sign-in" c="brand.7" underline="always">
                sign in
              </Anchor>{' '}
              or{' '}
              <Anchor component={Link} to="/portal/sign-up" c="brand.7" fw={600} underline="always">
                create an account
              </Anchor>
              .
            </Text>
          </Box>
        </Box>
      </Box>
    </Box>
  );
}

/** A small, decorative glimpse of a ticket: what the product is about, without a screenshot. */
function ProductPreview() {
  return (
    <div className={classes.preview} aria-hidden="true">
      <div className={classes.previewHeader}>
        <span className={classes.previewId}>#1042</span>
        <span className={classes.previewBadge} data-tone="open">
          Open
        </span>
        <span className={classes.previewBadge} data-tone="urgent">
          P1
        </span>
        <span className={classes.previewTime}>2 min. ago</span>
      </div>
      <div className={classes.previewSubject}>Checkout fails for EU cards</div>
      <div className={classes.previewMessage}>
        <span className={classes.previewAvatar} data-tone="customer">
          LM
        </span>
        <span>
          <b>Lukas Meyer</b> Every EU checkout is declined since 07:40. Please help!
        </span>
      </div>
      <div className={classes.previewMessage} data-note="">
        <span className={classes.previewAvatar}>TS</span>
        <span>
          <b>Internal note</b> Escalated to the payment provider, case 88213.
        </span>
      </div>
    </div>
  );
}
