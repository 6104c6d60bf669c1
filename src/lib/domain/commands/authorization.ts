import type { Context } from '../context';
import { activeUser, subscriptionAccess } from '../permissions';
import { refuse, type Refusal } from '../refusal';
import type { Subscription, Tenant, User } from '../types';

export function notAuthorized(action: string, remedy: string): Refusal {
  return refuse('NOT_AUTHORIZED', `You don't have permission to ${action}.`, remedy);
}

export const BUY_REMEDY =
  'Ask a Global or Billing Administrator (under an MCA billing account: a billing account or billing profile owner or contributor).';
export const ASSIGN_REMEDY = 'Ask a Global, User or License Administrator.';
export const USERS_REMEDY = 'Ask a Global or User Administrator.';

/** The author as an active user, or the refusal for an unknown or deleted one. */
export function author(
  tenant: Tenant,
  ctx: Context,
  action: string,
  remedy: string,
): User | Refusal {
  return activeUser(tenant, ctx.author) ?? notAuthorized(action, remedy);
}

export function isRefusal(value: object): value is Refusal {
  return 'code' in value && 'message' in value;
}

/** NOT_AUTHORIZED or READ_ONLY for a subscription, or null when allowed. */
export function accessRefusal(
  tenant: Tenant,
  user: User,
  subscription: Subscription,
  need: 'buy' | 'assign',
): Refusal | null {
  const access = subscriptionAccess(tenant, user, subscription, need);
  if (access === 'full') return null;
  if (access === 'readOnly') {
    return refuse(
      'READ_ONLY',
      'This is a self-service purchase: admins have a read-only view of it.',
      'Ask its purchaser to make the change.',
      { subscription: subscription.id, purchaser: subscription.purchaser ?? '' },
    );
  }
  return need === 'buy'
    ? notAuthorized('buy or remove licenses', BUY_REMEDY)
    : notAuthorized('assign or unassign licenses', ASSIGN_REMEDY);
}
