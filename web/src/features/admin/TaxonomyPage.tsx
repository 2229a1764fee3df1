import { ActionIcon, Badge, Box, Button, Group, Skeleton, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconCategory2, IconCheck, IconChevronRight, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { ErrorState } from '../../app/PageStates.tsx';
import { AdminPage, Panel, PanelEmpty } from './AdminPage.tsx';
import { type Category, useAdminCategories, useSaveCategory } from './api.ts';
import classes from './admin.module.css';

type Editing = { kind: 'rename'; id: number } | { kind: 'add'; parentId: number | null } | null;

interface Node {
  category: Category;
  children: Node[];
  /** Retired itself or under a retired parent. */
  retired: boolean;
}

function buildTree(categories: Category[]): Node[] {
  const byParent = new Map<number | null, Category[]>();
  for (const category of categories) {
    const list = byParent.get(category.parent_id) ?? [];
    list.push(category);
    byParent.set(category.parent_id, list);
  }
  const build = (parentId: number | null, parentRetired: boolean): Node[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((category) => {
        const retired = parentRetired || !category.active;
        return { category, retired, children: build(category.id, retired) };
      });
  return build(null, false);
}

const countAll = (nodes: Node[]): number => nodes.reduce((sum, node) => sum + 1 + countAll(node.children), 0);

/** /admin/taxonomy: products (the roots) and their categories as a tree; add, rename, retire. */
export function TaxonomyPage() {
  const categories = useAdminCategories();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const tree = useMemo(() => buildTree(categories.data ?? []), [categories.data]);
  const retiredCount = (categories.data ?? []).filter((category) => !category.active).length;

  const toggle = (id: number) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  let body: ReactNode;
  if (categories.isPending) {
    body = (
      <Stack gap={0} role="status" aria-label="Loading the taxonomy" p="md">
        {[40, 28, 32, 45, 30].map((width, index) => (
          <Group key={width} py={10} pl={index % 3 === 0 ? 0 : 32} gap="sm">
            <Skeleton h={14} w={14} />
            <Skeleton h={12} w={`${width}%`} />
          </Group>
        ))}
      </Stack>
    );
  } else if (!categories.data) {
    body = (
      <Box p="lg">
        <ErrorState title="Could not load the taxonomy" error={categories.error} onRetry={() => void categories.refetch()} />
      </Box>
    );
  } else if (tree.length === 0 && editing?.kind !== 'add') {
    body = (
      <PanelEmpty
        icon={<IconCategory2 size={28} stroke={1.6} />}
        title="No products yet"
        description="Start with the products you support, then add the categories customers and agents pick from under each."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'add', parentId: null })}>
            Add product
          </Button>
        }
      />
    );
  } else {
    body = (
      <Box p={{ base: 'xs', sm: 'sm' }}>
        <ul className={classes.tree} aria-label="Products and categories">
          {tree
            .filter((node) => showRetired || !node.retired)
            .map((node) => (
              <TreeNode
                key={node.category.id}
                node={node}
                depth={0}
                showRetired={showRetired}
                editing={editing}
                setEditing={setEditing}
                collapsed={collapsed}
                toggle={toggle}
              />
            ))}
          {editing?.kind === 'add' && editing.parentId === null && (
            <li>
              <NameForm
                depth={0}
                placeholder="Product name, e.g. Mobile app"
                submitLabel="Add product"
                onDone={() => setEditing(null)}
                parentId={null}
              />
            </li>
          )}
        </ul>
      </Box>
    );
  }

  return (
    <AdminPage
      slug="taxonomy"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'add', parentId: null })}>
          Add product
        </Button>
      }
    >
      <Group justify="space-between" mb="md" gap="sm">
        <Text size="sm" c="dimmed">
          {categories.data
            ? `${tree.filter((node) => !node.retired).length} products · ${countAll(tree) - tree.length} categories${retiredCount ? ` · ${retiredCount} retired` : ''}`
            : ' '}
        </Text>
        <Switch
          label="Show retired"
          checked={showRetired}
          onChange={(event) => setShowRetired(event.currentTarget.checked)}
          disabled={retiredCount === 0}
        />
      </Group>
      <Panel busy={categories.isPending}>{body}</Panel>
      <Text size="xs" c="dimmed" mt="sm">
        Retiring hides an entry from pickers; tickets keep it and reports still count it. Restore it at any time.
      </Text>
    </AdminPage>
  );
}

interface TreeNodeProps {
  node: Node;
  depth: number;
  showRetired: boolean;
  editing: Editing;
  setEditing: (editing: Editing) => void;
  collapsed: Set<number>;
  toggle: (id: number) => void;
}

function TreeNode({ node, depth, showRetired, editing, setEditing, collapsed, toggle }: TreeNodeProps) {
  const { category } = node;
  const save = useSaveCategory();
  const children = node.children.filter((child) => showRetired || !child.retired);
  const open = !collapsed.has(category.id);
  const renaming = editing?.kind === 'rename' && editing.id === category.id;
  const adding = editing?.kind === 'add' && editing.parentId === category.id;
  const product = depth === 0;

  const setActive = (active: boolean) =>
    save.mutate(
      { id: category.id, input: { active } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `${active ? 'Restored' : 'Retired'} ${category.name}` }),
        onError: (failure) =>
          notifications.show({
            color: 'red',
            title: `Could not ${active ? 'restore' : 'retire'} ${category.name}`,
            message: errorMessage(failure),
          }),
      },
    );

  return (
    <li>
      {renaming ? (
        <NameForm
          depth={depth}
          initial={category.name}
          id={category.id}
          submitLabel="Rename"
          onDone={() => setEditing(null)}
          parentId={category.parent_id}
        />
      ) : (
        <div className={classes.treeRow} data-retired={node.retired || undefined} style={{ paddingLeft: depth * 28 }}>
          {node.children.length > 0 ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => toggle(category.id)}
              aria-expanded={open}
              aria-label={`${open ? 'Collapse' : 'Expand'} ${category.name}`}
            >
              <IconChevronRight size={16} className={classes.chevron} data-open={open || undefined} />
            </ActionIcon>
          ) : (
            <span className={classes.leaf} aria-hidden="true" />
          )}
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Group gap={8} wrap="nowrap">
              <Text size="sm" fw={product ? 700 : 500} truncate>
                {category.name}
              </Text>
              {product && (
                <Badge size="xs" variant="light" color="brand" radius="sm">
                  Product
                </Badge>
              )}
              {!category.active && (
                <Badge size="xs" variant="outline" color="gray" radius="sm" c="gray.8">
                  Retired
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" ff="monospace" truncate>
              {category.path}
            </Text>
          </Box>
          <Group gap={2} wrap="nowrap" className={classes.treeActions}>
            {category.active && !node.retired && (
              <Tooltip label={product ? 'Add a category to this product' : 'Add a sub-category'}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setEditing({ kind: 'add', parentId: category.id })}
                  aria-label={`Add a category under ${category.name}`}
                >
                  <IconPlus size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            <Tooltip label="Rename">
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setEditing({ kind: 'rename', id: category.id })}
                aria-label={`Rename ${category.name}`}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            {category.active ? (
              <Tooltip label={node.children.length ? 'Retire (hides everything under it too)' : 'Retire'}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setActive(false)}
                  loading={save.isPending}
                  aria-label={`Retire ${category.name}`}
                >
                  <IconArchive size={16} />
                </ActionIcon>
              </Tooltip>
            ) : (
              <Tooltip label="Restore">
                <ActionIcon
                  variant="subtle"
                  color="teal"
                  onClick={() => setActive(true)}
                  loading={save.isPending}
                  aria-label={`Restore ${category.name}`}
                >
                  <IconArchiveOff size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </div>
      )}
      {(open || adding) && (children.length > 0 || adding) && (
        <ul className={classes.tree}>
          {open &&
            children.map((child) => (
              <TreeNode
                key={child.category.id}
                node={child}
                depth={depth + 1}
                showRetired={showRetired}
                editing={editing}
                setEditing={setEditing}
                collapsed={collapsed}
                toggle={toggle}
              />
            ))}
          {adding && (
            <li>
              <NameForm
                depth={depth + 1}
                placeholder={product ? `A category of ${category.name}, e.g. Refunds` : `A sub-category of ${category.name}`}
                submitLabel="Add category"
                parentId={category.id}
                onDone={() => setEditing(null)}
              />
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** The inline form that names a new product or category, or renames one. Enter saves, Escape cancels. */
function NameForm({
  depth,
  initial = '',
  id,
  parentId,
  placeholder,
  submitLabel,
  onDone,
}: {
  depth: number;
  initial?: string;
  id?: number;
  parentId: number | null;
  placeholder?: string;
  submitLabel: string;
  onDone: () => void;
}) {
  const save = useSaveCategory();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Enter a name');
      return;
    }
    if (id !== undefined && trimmed === initial) {
      onDone();
      return;
    }
    save.mutate(id !== undefined ? { id, input: { name: trimmed } } : { input: { name: trimmed, parent_id: parentId } }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: id !== undefined ? `Renamed to ${saved.name}` : `Added ${saved.name}` });
        onDone();
      },
      onError: (failure) => {
        const fields = fieldErrors(failure);
        setError(fields.name ?? fields.slug ?? errorMessage(failure));
      },
    });
  };

  return (
    <form onSubmit={submit} className={classes.treeForm} style={{ paddingLeft: depth * 28 + 32 }} aria-label={submitLabel}>
      <TextInput
        aria-label={id !== undefined ? 'New name' : 'Name'}
        placeholder={placeholder}
        value={name}
        onChange={(event) => {
          setName(event.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
        error={error}
        size="sm"
        style={{ flex: 1 }}
        maw={420}
        autoFocus
      />
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Button type="submit" size="sm" loading={save.isPending} leftSection={<IconCheck size={14} />}>
          {submitLabel}
        </Button>
        <Tooltip label="Cancel (Esc)">
          <ActionIcon variant="subtle" color="gray" size={36} onClick={onDone} aria-label="Cancel">
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </form>
  );
}
