import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { oneOf, text, type Payload } from '../payload';
import { activeUser, mayGrant } from '../permissions';
import { refuse } from '../refusal';
import { BILLING_ROLES, DIRECTORY_ROLES, type Role, type Tenant } from '../types';
import { author, isRefusal } from './authorization';
import { userNotFound } from './assignments';
import { lastGlobalAdmin } from './users';

const ROLES: readonly Role[] = [...DIRECTORY_ROLES, ...BILLING_ROLES];
const ROLES_REMEDY = 'Ask a Global Administrator.';

function decideRole(tenant: Tenant, p: Payload, ctx: Context, grantIt: boolean): Decision {
  const userId = text(p, 'user');
  const role = oneOf(p, 'role', ROLES);
  if ((BILLING_ROLES as readonly Role[]).includes(role) && tenant.billingAccountType !== 'MCA') {
    return reject(
      refuse(
        'INVALID_INPUT',
        'Billing roles exist only under a Microsoft Customer Agreement (MCA) billing account.',
        'Choose a directory role.',
      ),
    );
  }
  const user = activeUser(tenant, userId);
  if (!user) return reject(userNotFound(userId));
  const actor = author(tenant, ctx, 'manage roles', ROLES_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!mayGrant(actor, role)) {
    return reject(
      refuse('NOT_AUTHORIZED', "You don't have permission to manage roles.", ROLES_REMEDY, {
        role,
      }),
    );
  }
  if (!grantIt && role === 'GlobalAdministrator') {
    const last = lastGlobalAdmin(tenant, user);
    if (last) return reject(last);
  }
  return accept((edit) => {
    const roles = new Set(user.roles);
    if (grantIt) roles.add(role);
    else roles.delete(role);
    edit(user).roles = [...roles].sort();
  });
}

/** ROLE-6: granting a directory role takes a Global Administrator. */
export const decideAssignRole = (tenant: Tenant, p: Payload, ctx: Context) =>
  decideRole(tenant, p, ctx, true);

/** ROLE-6: the last Global Administrator cannot lose the role. */
export const decideRemoveRole = (tenant: Tenant, p: Payload, ctx: Context) =>
  decideRole(tenant, p, ctx, false);
