import type { Outcome } from '$lib/domain/engine';
import type { Refusal } from '$lib/domain/refusal';

/** ASG-5: Assign more adds to what each user has; Replace swaps it for the chosen licenses. */
export type BulkMode = 'add' | 'replace';

export interface BulkResult {
  succeeded: string[];
  refused: { user: string; refusal: Refusal }[];
}

/**
 * Runs `setUserLicenses` once per user, so one user's refusal (no usage
 * location, no license left) leaves the others done, and each gets an answer.
 */
export async function setLicensesForEach(
  users: string[],
  mode: BulkMode,
  subscriptions: string[],
  run: (type: 'setUserLicenses', payload: unknown) => Promise<Outcome>,
  onprogress: (done: number) => void = () => {},
): Promise<BulkResult> {
  const result: BulkResult = { succeeded: [], refused: [] };
  const licenses = subscriptions.map((subscription) => ({ subscription }));
  for (const user of users) {
    const outcome = await run('setUserLicenses', { users: [user], mode, licenses });
    if (outcome.ok) result.succeeded.push(user);
    else result.refused.push({ user, refusal: outcome.refusal });
    onprogress(result.succeeded.length + result.refused.length);
  }
  return result;
}
