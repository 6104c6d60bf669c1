/** A new selection with `ids` added (on) or taken out: the page replaces its set, never mutates it. */
export function withSelected(selected: ReadonlySet<string>, ids: string[], on: boolean) {
  const next = new Set(selected);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
