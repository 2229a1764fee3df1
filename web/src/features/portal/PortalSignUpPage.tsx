import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLock, IconMail, IconUser } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage, fieldErrors, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { FullPageLoader } from '../../app/FullPage.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { portalAuth, useAdoptSession } from './api.ts';
import { PortalAuthFrame } from './PortalAuthFrame.tsx';
import classes from './portal.module.css';
import { portalHome } from './routing.tsx';

type Field = 'name' | 'email' | 'password';

/** /portal/sign-up: a customer creates an account and lands in "My requests". */
export function PortalSignUpPage() {
  useDocumentTitle('Create your Help Center account');
  const { status, user } = useAuth();
  const adopt = useAdoptSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;

  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [emailTaken, setEmailTaken] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  if (status === 'loading') return <FullPageLoader label="Loading the Help Center…" />;
  if (status === 'signed_in' && !busy) return <Navigate to={user?.role === 'customer' ? (from ?? portalHome) : '/tickets'} replace />;

  const set = (field: Field) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
    if (field === 'email') setEmailTaken(false);
  };

  const showErrors = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    const first = (['name', 'email', 'password'] as const).find((field) => found[field]);
    if (first) refs[first].current?.focus();
    return Boolean(first);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = 'Enter your name';
    if (!values.email.trim()) found.email = 'Enter your email address';
    else if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) found.email = 'Enter an email address like name@example.com';
    if (values.password.length < 10) found.password = 'Use at least 10 characters';
    if (showErrors(found)) return;

    setProblem(null);
    setBusy(true);
    try {
      const session = await portalAuth.signUp({ name: values.name.trim(), email: values.email.trim(), password: values.password });
      adopt(session);
      notifications.show({
        color: 'teal',
        message: `Welcome, ${session.user.name.split(' ')[0] ?? session.user.name}! Your account is ready.`,
      });
      navigate(from ?? portalHome, { replace: true });
    } catch (failure) {
      setBusy(false);
      if (isApiError(failure) && failure.status === 409) {
        setEmailTaken(true);
        showErrors({ email: 'An account with this email already exists' });
        return;
      }
      const fields = fieldErrors(failure);
      const mapped: Partial<Record<Field, string>> = {};
      if (fields.name) mapped.name = 'Enter your name';
      if (fields.email) mapped.email = 'Enter a valid email address';
      if (fields.password) mapped.password = `Password: ${fields.password}`;
      if (!showErrors(mapped)) setProblem(errorMessage(failure));
    }
  };

  return (
    <PortalAuthFrame>
      <Title order={1} className={classes.authTitle}>
        Create your account
      </Title>
      <Text c="dimmed" mt={6} mb="lg">
        Send requests to our support team and follow every answer in one place.
      </Text>

      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Could not create the account" mb="md" role="alert">
          {problem}
        </Alert>
      )}

      <form noValidate onSubmit={(event) => void submit(event)} aria-label="Create your account">
        <Stack gap="md">
          <TextInput
            ref={refs.name}
            label="Your name"
            autoComplete="name"
            leftSection={<IconUser size={16} stroke={1.7} />}
            value={values.name}
            onChange={set('name')}
            error={errors.name}
            size="md"
            autoFocus
          />
          <TextInput
            ref={refs.email}
            label="Email"
            type="email"
            autoComplete="email"
            placeholder="you@example.com"
            leftSection={<IconMail size={16} stroke={1.7} />}
            value={values.email}
            onChange={set('email')}
            error={
              errors.email && emailTaken ? (
                <>
                  {errors.email}.{' '}
                  <Anchor
                    component={Link}
                    to="/portal/sign-in"
                    state={{ email: values.email.trim(), from }}
                    size="xs"
                    c="red.9"
                    fw={600}
                    underline="always"
                  >
                    Sign in instead
                  </Anchor>
                </>
              ) : (
                errors.email
              )
            }
            size="md"
          />
          <PasswordInput
            ref={refs.password}
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            leftSection={<IconLock size={16} stroke={1.7} />}
            value={values.password}
            onChange={set('password')}
            error={errors.password}
            size="md"
          />
          <Button type="submit" size="md" fullWidth radius="xl" loading={busy} mt={4}>
            Create account
          </Button>
        </Stack>
      </form>

      <Divider my="lg" />
      <Text size="sm" ta="center">
        Already have an account?{' '}
        <Anchor component={Link} to="/portal/sign-in" state={from ? { from } : undefined} fw={600}>
          Sign in
        </Anchor>
      </Text>
    </PortalAuthFrame>
  );
}
