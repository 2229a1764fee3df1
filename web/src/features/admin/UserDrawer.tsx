import {
  ActionIcon,
  Alert,
  Autocomplete,
  Avatar,
  Badge,
  Box,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  MultiSelect,
  PasswordInput,
  SegmentedControl,
  Select,
  Skeleton,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconKey, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useMemo, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import type { Role } from '../../app/types.ts';
import { type AdminGroup, type AdminUser, type UserInput, useAdminCategories, useDirectory, useSaveUser, useUser } from './api.ts';
import { generatePassword, languageName, languageOptions, proficiencyLabels, roleHints, roleOptions, roleSwatches } from './labels.ts';

interface Skill {
  key: number;
  name: string;
  proficiency: number;
}

interface FormState {
  name: string;
  email: string;
  role: Role;
  tier: number | null;
  languages: string[];
  time_zone: string;
  skills: Skill[];
  group_ids: number[];
  active: boolean;
}

let skillKey = 0;

const toForm = (user: AdminUser): FormState => ({
  name: user.name,
  email: user.email,
  role: user.role,
  tier: user.tier,
  languages: [...user.languages],
  time_zone: user.time_zone,
  skills: user.skills.map((skill) => ({ key: ++skillKey, ...skill })),
  group_ids: [...user.group_ids],
  active: user.active,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const cleanSkills = (skills: Skill[]) =>
  skills.filter((skill) => skill.name.trim()).map((skill) => ({ name: skill.name.trim(), proficiency: skill.proficiency }));

/** Only what changed, so the audit log records exactly the edit. */
function changes(user: AdminUser, form: FormState): UserInput {
  const patch: UserInput = {};
  if (form.name.trim() !== user.name) patch.name = form.name.trim();
  if (form.email.trim() !== user.email) patch.email = form.email.trim();
  if (form.role !== user.role) patch.role = form.role;
  if (form.tier !== user.tier) patch.tier = form.tier;
  if (!same([...form.languages].sort(), [...user.languages].sort())) patch.languages = form.languages;
  if (form.time_zone !== user.time_zone) patch.time_zone = form.time_zone;
  const skills = cleanSkills(form.skills);
  if (!same(skills, user.skills)) patch.skills = skills;
  if (!same([...form.group_ids].sort(), [...user.group_ids].sort())) patch.group_ids = form.group_ids;
  if (form.active !== user.active) patch.active = form.active;
  return patch;
}

const timeZones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** Edits one user: profile, role and routing (tier, languages, skills, groups), access and password. */
export function UserDrawer({ userId, groups, onClose }: { userId: number | null; groups: AdminGroup[]; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 48em)');
  const user = useUser(userId);
  return (
    <Drawer
      opened={userId !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 560}
      title={<Text fw={700}>Edit user</Text>}
      padding={0}
      styles={{ header: { borderBottom: '1px solid var(--mantine-color-gray-2)', paddingInline: 20 }, body: { padding: 0 } }}
    >
      {user.isPending ? (
        <Stack p="lg" gap="md" role="status" aria-label="Loading user">
          <Group>
            <Skeleton h={48} w={48} circle />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton h={14} w="50%" />
              <Skeleton h={10} w="70%" />
            </Stack>
          </Group>
          {[1, 2, 3, 4].map((row) => (
            <Skeleton key={row} h={38} />
          ))}
        </Stack>
      ) : user.isError ? (
        <Box p="lg">
          <ErrorState title="Could not load this user" error={user.error} onRetry={() => void user.refetch()} />
        </Box>
      ) : (
        <UserForm key={`${user.data.id}-${user.data.updated_at}`} user={user.data} groups={groups} onClose={onClose} />
      )}
    </Drawer>
  );
}

function UserForm({ user, groups, onClose }: { user: AdminUser; groups: AdminGroup[]; onClose: () => void }) {
  const me = useCurrentUser();
  const self = me.id === user.id;
  const save = useSaveUser();
  const [form, setForm] = useState<FormState>(() => toForm(user));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const patch = useMemo(() => changes(user, form), [user, form]);
  const dirty = Object.keys(patch).length > 0;
  const customer = form.role === 'customer';

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const next = { ...current };
      for (const path of Object.keys(next)) if (path === key || path.startsWith(`${key}.`)) delete next[path];
      return next;
    });
  };

  const submit = () => {
    const found: Record<string, string> = {};
    if (!form.name.trim()) found.name = 'Enter a name';
    const seen = new Set<string>();
    form.skills.forEach((skill, index) => {
      const name = skill.name.trim();
      if (name && seen.has(name)) found[`skills.${index}.name`] = 'This skill is listed twice';
      seen.add(name);
    });
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    setProblem(null);
    save.mutate(
      { id: user.id, input: patch },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `Saved ${saved.name}` });
          onClose();
        },
        onError: (failure) => {
          const found = fieldErrors(failure);
          setErrors(found);
          setProblem(errorMessage(failure));
        },
      },
    );
  };

  return (
    <Box
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label={`Edit ${user.name}`}
    >
      <Stack gap="xl" p="lg" pb={96}>
        <Group gap="md" wrap="nowrap">
          <Avatar size={52} radius="xl" color={roleSwatches[user.role].fg} variant="light">
            {initials(user.name)}
          </Avatar>
          <Box style={{ minWidth: 0 }}>
            <Group gap={8}>
              <Title order={2} fz={18}>
                {user.name}
              </Title>
              {!user.active && (
                <Badge color="gray" variant="light">
                  Deactivated
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" truncate>
              {user.email}
            </Text>
            <Text size="xs" c="dimmed" mt={2}>
              {user.last_sign_in_at ? `Last signed in ${relativeTime(user.last_sign_in_at)}` : 'Never signed in'} · added{' '}
              {formatDateTime(user.created_at)}
            </Text>
          </Box>
        </Group>

        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Not saved" role="alert">
            {problem}
          </Alert>
        )}

        <Section title="Profile">
          <TextInput
            label="Name"
            value={form.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
            required
          />
          <TextInput
            label="Email"
            type="email"
            value={form.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={errors.email}
            required
          />
        </Section>

        <Section title="Role and routing">
          <Select
            label="Role"
            description={self ? 'You cannot change your own role; ask another administrator.' : roleHints[form.role]}
            data={roleOptions}
            value={form.role}
            onChange={(value) => value && set('role', value as Role)}
            allowDeselect={false}
            disabled={self}
            error={errors.role}
            renderOption={({ option }) => (
              <Box>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {roleHints[option.value as Role]}
                </Text>
              </Box>
            )}
          />
          {!customer && (
            <Box>
              <Text size="sm" fw={500} id="tier-label">
                Tier
              </Text>
              <Text size="xs" c="dimmed" mb={6}>
                Which escalation level this agent works at.
              </Text>
              <SegmentedControl
                aria-labelledby="tier-label"
                value={form.tier === null ? 'none' : String(form.tier)}
                onChange={(value) => set('tier', value === 'none' ? null : Number(value))}
                data={[
                  { value: 'none', label: 'None' },
                  { value: '1', label: 'Tier 1' },
                  { value: '2', label: 'Tier 2' },
                  { value: '3', label: 'Tier 3' },
                ]}
              />
              {errors.tier && (
                <Text size="xs" c="red.8" mt={4}>
                  {errors.tier}
                </Text>
              )}
            </Box>
          )}
          <MultiSelect
            label="Languages"
            description={customer ? 'Languages to answer in.' : 'Languages this agent answers in; routing matches them to customers.'}
            data={languageOptions(form.languages)}
            value={form.languages}
            onChange={(value) => set('languages', value)}
            searchable
            hidePickedOptions
            error={errors.languages ?? Object.entries(errors).find(([path]) => path.startsWith('languages.'))?.[1]}
            placeholder={form.languages.length ? undefined : 'Add a language'}
          />
          <Select
            label="Time zone"
            data={timeZones.includes(form.time_zone) ? timeZones : [form.time_zone, ...timeZones]}
            value={form.time_zone}
            onChange={(value) => value && set('time_zone', value)}
            searchable
            allowDeselect={false}
            limit={50}
            error={errors.time_zone}
          />
        </Section>

        {!customer && (
          <>
            <SkillsEditor skills={form.skills} languages={form.languages} errors={errors} onChange={(skills) => set('skills', skills)} />
            <Section title="Groups" description="Tickets routed to these groups reach this agent.">
              {groups.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No groups yet. Create one under Admin › Groups.
                </Text>
              ) : (
                <Checkbox.Group
                  value={form.group_ids.map(String)}
                  onChange={(value) => set('group_ids', value.map(Number))}
                  error={errors.group_ids}
                >
                  <Stack gap={8}>
                    {groups.map((group) => (
                      <Checkbox
                        key={group.id}
                        value={String(group.id)}
                        label={
                          <Group gap={6}>
                            <span>{group.name}</span>
                            {group.tier && (
                              <Badge size="xs" variant="light" color="gray">
                                Tier {group.tier}
                              </Badge>
                            )}
                          </Group>
                        }
                        description={group.description || undefined}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            </Section>
          </>
        )}

        <Section title="Access">
          <Switch
            label="Active"
            description={
              self
                ? 'You cannot deactivate your own account.'
                : form.active
                  ? 'Can sign in and receive tickets.'
                  : 'Deactivated: signed out everywhere and cannot sign in. History stays.'
            }
            checked={form.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
            disabled={self}
            color="teal"
          />
          <PasswordReset user={user} />
        </Section>
      </Stack>

      <Group
        justify="space-between"
        px="lg"
        py="sm"
        bg="white"
        style={{ position: 'sticky', bottom: 0, borderTop: '1px solid var(--mantine-color-gray-2)', zIndex: 2 }}
      >
        <Text size="xs" c="dimmed">
          {dirty ? `${Object.keys(patch).length} unsaved ${Object.keys(patch).length === 1 ? 'change' : 'changes'}` : 'No changes'}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            Save changes
          </Button>
        </Group>
      </Group>
    </Box>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Text fw={700} size="sm" tt="uppercase" c="dimmed" style={{ letterSpacing: '0.05em' }}>
        {title}
      </Text>
      {description && (
        <Text size="xs" c="dimmed" mt={2}>
          {description}
        </Text>
      )}
      <Divider my="sm" />
      <Stack gap="md">{children}</Stack>
    </Box>
  );
}

function SkillsEditor({
  skills,
  languages,
  errors,
  onChange,
}: {
  skills: Skill[];
  languages: string[];
  errors: Record<string, string>;
  onChange: (skills: Skill[]) => void;
}) {
  const categories = useAdminCategories();
  const directory = useDirectory();
  // Suggest the conventions routing uses: product:<product slug>, language:<code>, plus skills others already have.
  const suggestions = useMemo(() => {
    const names = new Set<string>();
    for (const category of categories.data ?? []) if (category.parent_id === null && category.active) names.add(`product:${category.slug}`);
    for (const code of languages) names.add(`language:${code}`);
    for (const user of directory.data ?? []) for (const skill of user.skills) names.add(skill.name);
    for (const skill of skills) names.delete(skill.name);
    return [...names].sort();
  }, [categories.data, directory.data, languages, skills]);

  const update = (key: number, change: Partial<Skill>) =>
    onChange(skills.map((skill) => (skill.key === key ? { ...skill, ...change } : skill)));

  return (
    <Section title="Skills" description="What this agent is good at, from 1 (learning) to 5 (expert). Routing prefers the strongest match.">
      {skills.length === 0 && (
        <Text size="sm" c="dimmed">
          No skills yet.
        </Text>
      )}
      {skills.map((skill, index) => (
        <Box key={skill.key} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <Autocomplete
              aria-label={`Skill ${index + 1}`}
              placeholder="product:billing or language:de"
              data={suggestions}
              value={skill.name}
              onChange={(value) => update(skill.key, { name: value })}
              error={errors[`skills.${index}.name`]}
              style={{ flex: 1 }}
              limit={12}
            />
            <Tooltip label="Remove skill">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`Remove skill ${skill.name || index + 1}`}
                onClick={() => onChange(skills.filter((other) => other.key !== skill.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap="md" mt="sm" wrap="nowrap" align="center">
            <Slider
              thumbLabel={`Proficiency in ${skill.name || `skill ${index + 1}`}`}
              min={1}
              max={5}
              step={1}
              value={skill.proficiency}
              onChange={(value) => update(skill.key, { proficiency: value })}
              marks={[1, 2, 3, 4, 5].map((value) => ({ value }))}
              label={(value) => proficiencyLabels[value]}
              style={{ flex: 1 }}
              mx={6}
            />
            <Text size="sm" w={92} fw={500}>
              {skill.proficiency} · {proficiencyLabels[skill.proficiency]}
            </Text>
          </Group>
        </Box>
      ))}
      <Box>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...skills, { key: ++skillKey, name: '', proficiency: 3 }])}
        >
          Add skill
        </Button>
      </Box>
      {languages.length > 0 && suggestions.some((name) => name.startsWith('language:')) && (
        <Text size="xs" c="dimmed">
          Tip: add language skills for {languages.map(languageName).join(', ')} to rate how well this agent writes in each.
        </Text>
      )}
    </Section>
  );
}

function PasswordReset({ user }: { user: AdminUser }) {
  const save = useSaveUser();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [visible, setVisible] = useState(false);

  if (!open) {
    return (
      <Box>
        <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setOpen(true)}>
          Reset password…
        </Button>
      </Box>
    );
  }
  const submit = () => {
    if (password.length < 10) {
      setError('Use at least 10 characters');
      return;
    }
    save.mutate(
      { id: user.id, input: { password } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Password changed',
            message: `Give ${user.name} the new password over a safe channel.`,
          });
          setPassword('');
          setOpen(false);
        },
        onError: (failure) => setError(fieldErrors(failure).password ?? errorMessage(failure)),
      },
    );
  };
  return (
    <Box p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Group align="flex-end" gap="sm">
        <PasswordInput
          label="New password"
          description={`At least 10 characters. ${user.name.split(' ')[0]} signs in with it from now on.`}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          style={{ flex: '1 1 240px' }}
          autoComplete="new-password"
          visible={visible}
          onVisibilityChange={setVisible}
        />
        <Tooltip label="Generate a strong password">
          <ActionIcon
            variant="default"
            size={36}
            aria-label="Generate a strong password"
            onClick={() => {
              setPassword(generatePassword());
              setVisible(true);
            }}
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Group justify="flex-end" gap="sm" mt="sm">
        <Button variant="subtle" color="gray" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <Button color="red" variant="light" loading={save.isPending} onClick={submit}>
          Set new password
        </Button>
      </Group>
    </Box>
  );
}
