import { Anchor, Avatar, Badge, Box, Button, Code, Collapse, Group, Select, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconFilterOff, IconHistory, IconSettings } from '@tabler/icons-react';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, humanize, initials, relativeTime } from '../../app/format.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { useNow } from '../../app/useNow.ts';
import { AdminPage, Panel, PanelEmpty } from './AdminPage.tsx';
import classes from './admin.module.css';
import { type AuditEntry, useAdminCategories, useAdminCustomFields, useAdminGroups, useAuditLog, useDirectory } from './api.ts';

/** What the server records, by entity (see recordAudit calls): the filters offer these. */
const actionsByEntity: Record<string, { label: string; actions: string[] }> = {
  user: { label: 'Users', actions: ['user.created', 'user.updated', 'user.password_changed'] },
  group: { label: 'Groups', actions: ['group.created', 'group.updated'] },
  category: { label: 'Taxonomy', actions: ['category.created', 'category.updated'] },
  custom_field: { label: 'Custom fields', actions: ['custom_field.created', 'custom_field.updated'] },
  resolution_code: { label: 'Resolution codes', actions: ['resolution_code.saved'] },
  settings: { label: 'Settings', actions: ['settings.updated'] },
  api_token: { label: 'API tokens', actions: ['token.created', 'token.revoked'] },
  saved_view: { label: 'Shared views', actions: ['view.created', 'view.updated', 'view.deleted'] },
  customer: {
    label: 'Customers',
    actions: ['customer.created', 'customer.updated', 'customer.merged', 'customer.identity_added', 'customer.identity_removed'],
  },
  organization: { label: 'Organizations', actions: ['organization.created', 'organization.updated'] },
};

const verbs: Record<string, string> = {
  created: 'created',
  updated: 'changed',
  saved: 'saved',
  deleted: 'deleted',
  revoked: 'revoked',
  merged: 'merged',
  password_changed: 'reset the password of',
  identity_added: 'added an identity to',
  identity_removed: 'removed an identity from',
};

const entityNouns: Record<string, string> = {
  user: 'user',
  group: 'group',
  category: 'category',
  custom_field: 'custom field',
  resolution_code: 'resolution code',
  settings: 'the',
  api_token: 'API token',
  saved_view: 'shared view',
  customer: 'customer',
  organization: 'organization',
};

const verbColors: Record<string, string> = { created: 'green', deleted: 'red', revoked: 'red', password_changed: 'orange', merged: 'blue' };

/** /admin/audit-log: who changed what, newest first, with each change's before and after. */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filter = { entity_type: params.get('entity') ?? '', action: params.get('action') ?? '', actor_user_id: params.get('actor') ?? '' };
  const log = useAuditLog(filter);
  const directory = useDirectory();
  const groups = useAdminGroups();
  const categories = useAdminCategories();
  const fields = useAdminCustomFields();
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];

  const names = useMemo(() => {
    const users = new Map((directory.data ?? []).map((user) => [String(user.id), user.name]));
    const groupNames = new Map((groups.data ?? []).map((group) => [String(group.id), group.name]));
    // Categories read as their trail of names: "Mobile app › Offline mode".
    const byId = new Map((categories.data ?? []).map((category) => [category.id, category]));
    const trail = (id: number): string => {
      const category = byId.get(id);
      if (!category) return `#${id}`;
      return category.parent_id === null ? category.name : `${trail(category.parent_id)} › ${category.name}`;
    };
    const categoryNames = new Map((categories.data ?? []).map((category) => [String(category.id), trail(category.id)]));
    const fieldNames = new Map((fields.data ?? []).map((field) => [String(field.id), field.label]));
    return {
      actor: (id: number | null) => (id === null ? null : (users.get(String(id)) ?? `User #${id}`)),
      entity: (entry: AuditEntry): string => {
        const after = (entry.after ?? {}) as Record<string, unknown>;
        const before = (entry.before ?? {}) as Record<string, unknown>;
        switch (entry.entity_type) {
          case 'user':
            return users.get(entry.entity_id) ?? `#${entry.entity_id}`;
          case 'group':
            return groupNames.get(entry.entity_id) ?? String(after.name ?? `#${entry.entity_id}`);
          case 'category':
            return categoryNames.get(entry.entity_id) ?? String(after.path ?? after.name ?? `#${entry.entity_id}`);
          case 'custom_field':
            return fieldNames.get(entry.entity_id) ?? String(after.label ?? `#${entry.entity_id}`);
          case 'api_token':
            return after.name ? String(after.name) : before.prefix ? `${String(before.prefix)}…` : `#${entry.entity_id}`;
          case 'resolution_code':
            return String(after.label ?? entry.entity_id);
          case 'settings':
            return `${entry.entity_id.replace(/s$/, '')} settings`;
          default:
            return String(after.name ?? before.name ?? `#${entry.entity_id}`);
        }
      },
      user: (id: unknown) => users.get(String(id)) ?? `#${String(id)}`,
      group: (id: unknown) => groupNames.get(String(id)) ?? `#${String(id)}`,
      category: (id: unknown) => categoryNames.get(String(id)) ?? `#${String(id)}`,
    };
  }, [directory.data, groups.data, categories.data, fields.data]);

  const update = (key: 'entity' | 'action' | 'actor', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'entity') next.delete('action');
    setParams(next, { replace: true });
  };

  const entityOptions = Object.entries(actionsByEntity).map(([value, { label }]) => ({ value, label }));
  const actionOptions = (
    filter.entity_type
      ? (actionsByEntity[filter.entity_type]?.actions ?? [])
      : Object.values(actionsByEntity).flatMap((entity) => entity.actions)
  ).map((action) => ({ value: action, label: action }));
  const actorOptions = (directory.data ?? [])
    .filter((user) => user.role !== 'customer')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((user) => ({ value: String(user.id), label: user.name }));
  const filtered = Boolean(filter.entity_type || filter.action || filter.actor_user_id);

  let body: ReactNode;
  if (log.isPending) {
    body = (
      <Stack gap={0} role="status" aria-label="Loading the audit log">
        {[60, 45, 70, 50, 65].map((width, index) => (
          <Group
            key={width}
            px="lg"
            py={16}
            gap="lg"
            wrap="nowrap"
            style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
          >
            <Skeleton h={10} w={110} />
            <Skeleton h={28} w={28} circle />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton h={12} w={`${width}%`} />
              <Skeleton h={10} w="25%" />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  } else if (!log.data) {
    body = (
      <Box p="lg">
        <ErrorState title="Could not load the audit log" error={log.error} onRetry={() => void log.refetch()} />
      </Box>
    );
  } else if (entries.length === 0) {
    body = filtered ? (
      <PanelEmpty
        icon={<IconFilterOff size={28} stroke={1.6} />}
        title="Nothing matches these filters"
        description="No change was recorded for this combination."
        action={
          <Button variant="default" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Clear filters
          </Button>
        }
      />
    ) : (
      <PanelEmpty
        icon={<IconHistory size={28} stroke={1.6} />}
        title="No changes recorded yet"
        description="Changes to users, groups, settings and tokens appear here as they happen."
      />
    );
  } else {
    body = (
      <ol className={classes.auditList} aria-label="Audit log entries">
        {entries.map((entry) => (
          <li key={entry.id}>
            <AuditItem entry={entry} names={names} />
          </li>
        ))}
      </ol>
    );
  }

  return (
    <AdminPage slug="audit-log">
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <Select
          label="What"
          placeholder="Everything"
          data={entityOptions}
          value={filter.entity_type || null}
          onChange={(value) => update('entity', value)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label="Action"
          placeholder="Any action"
          data={actionOptions}
          value={filter.action || null}
          onChange={(value) => update('action', value)}
          clearable
          searchable
          w={{ base: '100%', xs: 240 }}
          styles={{ option: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
        <Select
          label="By"
          placeholder="Anyone"
          data={actorOptions}
          value={filter.actor_user_id || null}
          onChange={(value) => update('actor', value)}
          clearable
          searchable
          w={{ base: '100%', xs: 220 }}
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            Clear
          </Button>
        )}
      </Group>

      <Panel busy={log.isPending}>{body}</Panel>

      {entries.length > 0 && (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {entries.length} {entries.length === 1 ? 'change' : 'changes'}
            {log.hasNextPage ? ', newest first' : ' · that is all'}
          </Text>
          {log.hasNextPage && (
            <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Group>
      )}
      {log.isFetchNextPageError && (
        <Box mt="sm">
          <ErrorState title="Could not load more" error={log.error} onRetry={() => void log.fetchNextPage()} />
        </Box>
      )}
    </AdminPage>
  );
}

interface Names {
  actor: (id: number | null) => string | null;
  entity: (entry: AuditEntry) => string;
  user: (id: unknown) => string;
  group: (id: unknown) => string;
  category: (id: unknown) => string;
}

function AuditItem({ entry, names }: { entry: AuditEntry; names: Names }) {
  const now = useNow();
  const actor = names.actor(entry.actor_user_id);
  const verbKey = entry.action.slice(entry.action.indexOf('.') + 1);
  const rows = diffRows(entry, names);
  // A creation or removal has one side only: show it as a plain list of values.
  const snapshot = rows.every((row) => row.before === undefined) || rows.every((row) => row.after === undefined);
  // Changes are the point of an entry: show them. Long snapshots are folded.
  const folded = snapshot && rows.length > 3;
  const [open, setOpen] = useState(!folded);

  return (
    <article className={classes.auditItem} aria-label={`${actor ?? 'System'} ${entry.action} ${names.entity(entry)}`}>
      <Box>
        <Tooltip label={formatDateTime(entry.created_at)}>
          <Text size="sm" fw={500} component="time" dateTime={entry.created_at}>
            {relativeTime(entry.created_at, now)}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed">
          {formatDateTime(entry.created_at)}
        </Text>
      </Box>
      <Box style={{ minWidth: 0 }}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar size={28} radius="xl" color={actor ? 'brand' : 'gray'} variant="light" aria-hidden="true">
            {actor ? initials(actor) : <IconSettings size={15} />}
          </Avatar>
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Text size="sm">
              <b>{actor ?? 'Frontline'}</b> {verbs[verbKey] ?? humanize(verbKey).toLowerCase()}{' '}
              {entityNouns[entry.entity_type] ?? entry.entity_type.replaceAll('_', ' ')} <b>{names.entity(entry)}</b>
            </Text>
            <Group gap={6} mt={4}>
              <Badge size="xs" variant="light" color={verbColors[verbKey] ?? 'gray'} radius="sm" tt="none" ff="monospace" fw={500}>
                {entry.action}
              </Badge>
              {entry.ip && (
                <Text size="xs" c="dimmed">
                  from {entry.ip}
                </Text>
              )}
            </Group>
            {rows.length > 0 && (
              <>
                {folded && (
                  <Anchor component="button" type="button" size="xs" mt={6} onClick={() => setOpen((value) => !value)} aria-expanded={open}>
                    <Group gap={4} component="span">
                      {open ? 'Hide details' : `Show details (${rows.length})`}
                      <IconChevronDown size={13} style={{ transform: open ? 'rotate(180deg)' : undefined }} />
                    </Group>
                  </Anchor>
                )}
                <Collapse expanded={open}>
                  <Box mt="xs" style={{ border: '1px solid var(--mantine-color-gray-2)', borderRadius: 8, overflow: 'hidden' }}>
                    {snapshot ? (
                      <table className={classes.diff}>
                        <thead>
                          <tr>
                            <th style={{ width: '26%' }}>Field</th>
                            <th>{rows.every((row) => row.after === undefined) ? 'Value before' : 'Value'}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((row) => (
                            <tr key={row.field}>
                              <td>{row.field}</td>
                              <td>
                                <Value value={row.after ?? row.before ?? 'none'} tone="plain" />
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : (
                      <table className={classes.diff}>
                        <thead>
                          <tr>
                            <th style={{ width: '26%' }}>Field</th>
                            <th>Before</th>
                            <th>After</th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((row) => (
                            <tr key={row.field}>
                              <td>{row.field}</td>
                              <td>
                                {row.before === undefined ? (
                                  <span className={classes.empty}>—</span>
                                ) : (
                                  <Value value={row.before} tone="before" />
                                )}
                              </td>
                              <td>
                                {row.after === undefined ? (
                                  <span className={classes.empty}>—</span>
                                ) : (
                                  <Value value={row.after} tone="after" />
                                )}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                  </Box>
                </Collapse>
              </>
            )}
          </Box>
        </Group>
      </Box>
    </article>
  );
}

interface DiffRow {
  field: string;
  before: string | undefined;
  after: string | undefined;
}

const hiddenFields = new Set(['id', 'created_at', 'updated_at', 'last_sign_in_at']);

/** The fields an entry touched, each with a readable before and after. */
function diffRows(entry: AuditEntry, names: Names): DiffRow[] {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !hiddenFields.has(key));
  return keys
    .map((key) => ({
      field: key,
      before: key in before ? readable(key, before[key], names) : undefined,
      after: key in after ? readable(key, after[key], names) : undefined,
    }))
    .filter((row) => row.before !== row.after);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readable(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'member_ids' && Array.isArray(value)) return value.length ? value.map(names.user).join(', ') : 'none';
  if (key === 'group_ids' && Array.isArray(value)) return value.length ? value.map(names.group).join(', ') : 'none';
  if ((key === 'user_id' || key === 'assignee_id') && typeof value === 'number') return names.user(value);
  if (key === 'parent_id' && typeof value === 'number') return names.category(value);
  if (key === 'skills' && Array.isArray(value)) {
    return value.length
      ? value.map((skill) => (isRecord(skill) ? `${String(skill.name)} (${String(skill.proficiency)})` : String(skill))).join(', ')
      : 'none';
  }
  if (Array.isArray(value))
    return value.length ? value.map((item) => (isRecord(item) ? JSON.stringify(item) : String(item))).join(', ') : 'none';
  if (isRecord(value)) return JSON.stringify(value, null, 1);
  return String(value);
}

function Value({ value, tone }: { value: string; tone: 'before' | 'after' | 'plain' }) {
  if (value === 'none') return <span className={classes.empty}>none</span>;
  if (value.startsWith('{')) return <Code block>{value}</Code>;
  if (tone === 'plain') return <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>;
  return <span className={`${classes.value} ${tone === 'before' ? classes.before : classes.after}`}>{value}</span>;
}
