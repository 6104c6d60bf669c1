/** The people and subscriptions a command changes: where a tentative change shows. */
export interface Subjects {
  users: string[];
  subscriptions: string[];
}

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const text = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);

/**
 * Read from a payload as the commands name things (`user`, `users`,
 * `subscription`, `licenses[].subscription`; `id` for what addUser and
 * buySubscription create). Untrusted input: anything else is ignored.
 */
export function subjectsOf(type: string, payload: unknown): Subjects {
  if (typeof payload !== 'object' || payload === null) return { users: [], subscriptions: [] };
  const p = payload as Record<string, unknown>;
  const licenses = Array.isArray(p['licenses']) ? (p['licenses'] as unknown[]) : [];
  const users = [...text(p['user']), ...texts(p['users'])];
  const subscriptions = [
    ...text(p['subscription']),
    ...licenses.flatMap((l) =>
      typeof l === 'object' && l !== null
        ? text((l as Record<string, unknown>)['subscription'])
        : [],
    ),
  ];
  if (type === 'addUser') users.push(...text(p['id']));
  if (type === 'buySubscription') subscriptions.push(...text(p['id']));
  return { users, subscriptions };
}
