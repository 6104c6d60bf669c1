import type { Catalogue } from '$lib/domain/catalogue/catalogue';
import type { Tenant } from '$lib/domain/types';
import { changePlan, type ChangePlan } from '$lib/interop/changePlan';
import { graphBatches } from '$lib/interop/graphBatch';
import { powershellScript } from '$lib/interop/powershellScript';
import { windowOf, type LoggedOp, type Since } from '$lib/interop/replayLog';

/** The import the plan starts after by default: the last one that took effect. */
export function lastImport<Op extends LoggedOp>(log: readonly Op[]): Op | null {
  return log.findLast((op) => op.type === 'importTenant' && op.outcome === null) ?? null;
}

export interface PlanFiles {
  plan: ChangePlan;
  /** The Graph PowerShell script. */
  script: string;
  /** The `$batch` request bodies, one per 20 users, as one JSON array. */
  batches: string;
  /** What only the admin center can do, one line each, in the order to do it. */
  checklist: string;
}

/**
 * The change plan since a point and its three downloads. The files are for the real tenant's
 * tools and admins, in English like Microsoft's own documentation of those commands.
 */
export function planFiles(
  base: Tenant,
  log: readonly LoggedOp[],
  since: Since,
  catalogue: Catalogue,
  title: string,
): PlanFiles {
  const plan = changePlan(windowOf(base, log, since, catalogue), catalogue);
  const checklist = plan.checklist.length
    ? plan.checklist.map((item) => `- ${item.text}`)
    : ['Nothing to do in the admin center.'];
  return {
    plan,
    script: powershellScript(plan, title),
    batches: JSON.stringify(graphBatches(plan), null, 2) + '\n',
    checklist: [`# ${title}`, '', ...checklist].join('\r\n') + '\r\n',
  };
}

/** The plan's title, in its files: what tenant, and since when. */
export function planTitle(tenant: string, since: { importAt: number } | { day: string }): string {
  return 'importAt' in since
    ? `${tenant}: license changes since the import of ${new Date(since.importAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : `${tenant}: license changes since ${since.day}`;
}
