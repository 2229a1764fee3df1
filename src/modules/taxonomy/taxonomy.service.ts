import type { Kysely } from 'kysely';
import type { CategoryRow, CustomFieldRow, Database } from '../../db/schema.ts';
import { diffFields, recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { CategoryView, CustomFieldView, TicketSettings } from './taxonomy.schemas.ts';

type Db = Kysely<Database>;

const presentCategory = ({ id, parent_id, name, slug, path, active, position }: CategoryRow): CategoryView => ({
  id,
  parent_id,
  name,
  slug,
  path,
  active,
  position,
});

const presentField = ({ id, key, label, type, options, required, active, position }: CustomFieldRow): CustomFieldView => ({
  id,
  key,
  label,
  type,
  options,
  required,
  active,
  position,
});

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'category'
  );
}

/** The taxonomy as a flat list in tree order (parents before children). */
export async function listCategories(ctx: Context): Promise<CategoryView[]> {
  const rows = await ctx.db.selectFrom('categories').selectAll().orderBy('path').execute();
  return rows.map(presentCategory);
}

export function findCategoryById(db: Db, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A category by id, path (`billing/refunds`) or slug, for intake and imports. */
export async function findCategory(db: Db, ref: number | string): Promise<CategoryRow | undefined> {
  if (typeof ref === 'number') return findCategoryById(db, ref);
  const value = ref.trim().toLowerCase();
  return (
    (await db.selectFrom('categories').selectAll().where('path', '=', value).executeTakeFirst()) ??
    (await db.selectFrom('categories').selectAll().where('slug', '=', value).orderBy('id').executeTakeFirst())
  );
}

/** Adds a product (no parent) or a category under one. Throws category_not_found, name_taken. */
export async function createCategory(
  ctx: Context,
  actor: Actor,
  input: { name: string; parent_id?: number | null | undefined; slug?: string | undefined; position?: number | undefined },
): Promise<CategoryView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'sla');
    const parent = input.parent_id ? await findCategoryById(trx, input.parent_id) : undefined;
    if (input.parent_id && !parent) throw notFound('category_not_found', 'Category', input.parent_id);
    const slug = input.slug ?? slugify(input.name);
    const path = parent ? `${parent.path}/${slug}` : slug;
    if (await trx.selectFrom('categories').select('id').where('path', '=', path).executeTakeFirst()) {
      throw new AppError('name_taken', `The category ${path} already exists.`);
    }
    const row = await trx
      .insertInto('categories')
      .values({
        name: input.name,
        slug,
        path,
        parent_id: parent?.id ?? null,
        position: input.position ?? 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'category.created',
      entityType: 'category',
      entityId: row.id,
      after: presentCategory(row),
    });
    return presentCategory(row);
  });
}

/** Renames, reorders or retires a category (retired ones stay on old tickets). Throws category_not_found. */
export async function updateCategory(
  ctx: Context,
  actor: Actor,
  id: number,
  input: { name?: string | undefined; active?: boolean | undefined; position?: number | undefined },
): Promise<CategoryView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'sla');
    const existing = await findCategoryById(trx, id);
    if (!existing) throw notFound('category_not_found', 'Category', id);
    const row = await trx
      .updateTable('categories')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const diff = diffFields(presentCategory(existing), input);
    if (diff) await recordAudit(trx, actor, now, { action: 'category.updated', entityType: 'category', entityId: id, ...diff });
    return presentCategory(row);
  });
}

/** Every custom field definition, retired ones included: validation refuses values for retired fields by name. */
export function customFieldDefinitions(db: Db): Promise<CustomFieldRow[]> {
  return db.selectFrom('custom_fields').selectAll().orderBy('position').orderBy('id').execute();
}

/** The definitions, from the process cache (dropped when a field changes). Call it outside transactions. */
export function cachedCustomFieldDefinitions(ctx: Pick<Context, 'cache' | 'db'>): Promise<CustomFieldRow[]> {
  return ctx.cache.get('custom_fields', 'all', () => customFieldDefinitions(ctx.db));
}

export async function listCustomFields(ctx: Context): Promise<CustomFieldView[]> {
  return (await customFieldDefinitions(ctx.db)).map(presentField);
}

/** Throws name_taken. */
export async function createCustomField(
  ctx: Context,
  actor: Actor,
  input: {
    key: string;
    label: string;
    type: CustomFieldRow['type'];
    options?: string[] | undefined;
    required?: boolean | undefined;
    position?: number | undefined;
  },
): Promise<CustomFieldView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'custom_fields');
    if (await trx.selectFrom('custom_fields').select('id').where('key', '=', input.key).executeTakeFirst()) {
      throw new AppError('name_taken', `A custom field with the key ${input.key} already exists.`);
    }
    const row = await trx
      .insertInto('custom_fields')
      .values({ ...input, options: input.options ?? [], created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'custom_field.created',
      entityType: 'custom_field',
      entityId: row.id,
      after: presentField(row),
    });
    return presentField(row);
  });
}

/** Throws not_found, validation_failed. The key and type never change: stored values depend on them. */
export async function updateCustomField(
  ctx: Context,
  actor: Actor,
  id: number,
  input: {
    label?: string | undefined;
    options?: string[] | undefined;
    required?: boolean | undefined;
    active?: boolean | undefined;
    position?: number | undefined;
  },
): Promise<CustomFieldView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await ctx.cache.changed(trx, 'custom_fields');
    const existing = await trx.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('not_found', 'Custom field', id);
    if (input.options && existing.type === 'dropdown' && input.options.length === 0) {
      throw new AppError('validation_failed', 'A dropdown needs options.', [{ path: 'options', message: 'a dropdown needs options' }]);
    }
    const row = await trx
      .updateTable('custom_fields')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const diff = diffFields(presentField(existing), input);
    if (diff) await recordAudit(trx, actor, now, { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, ...diff });
    return presentField(row);
  });
}

export async function listResolutionCodes(ctx: Context) {
  return ctx.db.selectFrom('resolution_codes').selectAll().orderBy('label').execute();
}

/** Adds or updates a resolution code. */
export async function upsertResolutionCode(
  ctx: Context,
  actor: Actor,
  input: { code: string; label: string; active?: boolean | undefined },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('resolution_codes')
      .values({ code: input.code, label: input.label, active: input.active ?? true })
      .onConflict((oc) => oc.column('code').doUpdateSet({ label: input.label, active: input.active ?? true }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, { action: 'resolution_code.saved', entityType: 'resolution_code', entityId: row.code, after: row });
    return row;
  });
}

const defaultTicketSettings: TicketSettings = { resolution_code_required: false };

export async function getTicketSettings(db: Db): Promise<TicketSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'tickets').executeTakeFirst();
  return { ...defaultTicketSettings, ...((row?.value as Partial<TicketSettings> | undefined) ?? {}) };
}

export async function updateTicketSettings(ctx: Context, actor: Actor, input: Partial<TicketSettings>): Promise<TicketSettings> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getTicketSettings(trx);
    const after = { ...before, ...input };
    await trx
      .insertInto('settings')
      .values({ key: 'tickets', value: JSON.stringify(after), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after), updated_at: now }))
      .execute();
    await recordAudit(trx, actor, now, { action: 'settings.updated', entityType: 'settings', entityId: 'tickets', before, after });
    return after;
  });
}
