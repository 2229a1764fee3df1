import type { Category } from './api.ts';

export interface CategoryGroup {
  group: string;
  items: { value: string; label: string }[];
}

const byPosition = (a: Category, b: Category) => a.position - b.position || a.name.localeCompare(b.name);

/**
 * The taxonomy as select options: one group per product (a root), holding the product itself and
 * every active category under it, labelled with its trail ("Billing › Refunds"). Retired entries,
 * and everything under a retired one, are left out.
 */
export function categoryOptions(categories: Category[]): CategoryGroup[] {
  const children = new Map<number | null, Category[]>();
  for (const category of categories) {
    if (!category.active) continue;
    const list = children.get(category.parent_id) ?? [];
    list.push(category);
    children.set(category.parent_id, list);
  }
  const groups: CategoryGroup[] = [];
  for (const root of (children.get(null) ?? []).sort(byPosition)) {
    const items = [{ value: String(root.id), label: root.name }];
    const walk = (parent: Category, trail: string) => {
      for (const child of (children.get(parent.id) ?? []).sort(byPosition)) {
        const label = `${trail} › ${child.name}`;
        items.push({ value: String(child.id), label });
        walk(child, label);
      }
    };
    walk(root, root.name);
    groups.push({ group: root.name, items });
  }
  return groups;
}
