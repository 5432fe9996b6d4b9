/** Small immutable list helpers for the forms: every change builds new arrays, never mutates. */

/** A copy of `items` with the item at `index` replaced by `recipe(item)`. */
export function updateAt<T>(items: readonly T[], index: number, recipe: (item: T) => T): T[] {
  return items.map((item, i) => (i === index ? recipe(item) : item));
}

/** A copy of `items` without the item at `index`. */
export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** `ids` with `id` added (at the end) or removed. */
export function toggleId<T extends string>(ids: readonly T[], id: T, on: boolean): T[] {
  const without = ids.filter((existing) => existing !== id);
  return on ? [...without, id] : without;
}

/**
 * Unique React keys for items that carry ids. Ids are unique in valid content, but a duplicate
 * is exactly what a gate problem may be pointing at, so repeats get a suffix instead of making
 * React confuse two rows.
 */
export function itemKeys(items: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    const key = seen.has(item.id) ? `${item.id}~${index}` : item.id;
    seen.add(item.id);
    return key;
  });
}

/** Text cut to the schema's limit (e.g. a 200-character goal title reused as a 120-character KPI name). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
