export interface Person {
  id: string;
  displayName: string;
  detail: string | null;
}

/** Case and accents don't matter when typing a name: "asa" finds "Åsa". */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** People whose name contains the typed text, leaving out those already chosen. */
export function matchPeople(
  people: readonly Person[],
  text: string,
  chosen: readonly string[],
  limit: number,
): Person[] {
  const wanted = foldName(text);
  if (!wanted) return [];
  return people
    .filter((p) => !chosen.includes(p.id) && foldName(p.displayName).includes(wanted))
    .slice(0, limit);
}
