import type { ChangePlan } from './changePlan';

/** Graph's JSON batching takes at most 20 requests per call. */
export const BATCH_SIZE = 20;

export interface AssignLicenseRequest {
  id: string;
  method: 'POST';
  url: string;
  headers: { 'Content-Type': 'application/json' };
  body: {
    addLicenses: { skuId: string; disabledPlans: string[] }[];
    removeLicenses: string[];
  };
}

/** The plan as bodies for `POST https://graph.microsoft.com/v1.0/$batch`, 20 requests each. */
export function graphBatches(plan: ChangePlan): { requests: AssignLicenseRequest[] }[] {
  const requests = plan.users.map((change, i): AssignLicenseRequest => ({
    id: String(i + 1),
    method: 'POST',
    url: `/users/${encodeURIComponent(change.user)}/assignLicense`,
    headers: { 'Content-Type': 'application/json' },
    // assignLicense wants both lists, even empty.
    body: {
      addLicenses: change.add.map((a) => ({
        skuId: a.skuId,
        disabledPlans: a.disabledPlans.map((p) => p.id),
      })),
      removeLicenses: change.remove.map((r) => r.skuId),
    },
  }));
  const batches: { requests: AssignLicenseRequest[] }[] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) {
    batches.push({ requests: requests.slice(i, i + BATCH_SIZE) });
  }
  return batches;
}
