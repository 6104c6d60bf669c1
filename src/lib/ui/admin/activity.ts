import type { Activity } from '$lib/replica/activity';

/**
 * The Activity page's filters (SYNC-4). The entries themselves, in replay order
 * with their outcome and stability, come from the replica (`Replica.activity()`):
 * one place decides the order ops are replayed in.
 */
export interface ActivityFilter {
  /** A person's id, '' for everyone; null stands for changes made by no person. */
  person: string | null;
  command: string;
  outcome: 'all' | 'tookEffect' | 'refused';
}

export const NO_FILTER: ActivityFilter = { person: '', command: '', outcome: 'all' };

/** Newest first, as an audit log is read. */
export function filterActivity(entries: readonly Activity[], filter: ActivityFilter): Activity[] {
  const shown: Activity[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (filter.person !== '' && e.author !== filter.person) continue;
    if (filter.command !== '' && e.type !== filter.command) continue;
    if (filter.outcome === 'tookEffect' && e.outcome) continue;
    if (filter.outcome === 'refused' && !e.outcome) continue;
    shown.push(e);
  }
  return shown;
}

/** The people and commands that occur in the log, for the filters' choices. */
export function activityFacets(entries: readonly Activity[]): {
  authors: (string | null)[];
  commands: string[];
} {
  const authors = new Set<string | null>();
  const commands = new Set<string>();
  for (const e of entries) {
    authors.add(e.author);
    commands.add(e.type);
  }
  return { authors: [...authors], commands: [...commands].sort() };
}
