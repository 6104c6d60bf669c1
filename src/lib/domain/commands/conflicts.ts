import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { text, type Payload } from '../payload';
import { isAdmin } from '../permissions';
import type { Tenant } from '../types';
import { author, isRefusal, notAuthorized } from './authorization';

const DISMISS_REMEDY = 'Ask an admin.';

/**
 * SYNC-3: a change that did not take effect stays in the log; an admin may
 * dismiss it from the conflict inbox, for every admin at once. The domain
 * knows no ops, so any op id is taken; dismissing twice changes nothing, so
 * two admins dismissing the same conflict concurrently never conflict.
 */
export function decideDismissConflict(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const op = text(p, 'op');
  const actor = author(tenant, ctx, 'dismiss conflicts', DISMISS_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!isAdmin(actor)) return reject(notAuthorized('dismiss conflicts', DISMISS_REMEDY));
  return accept((edit) => {
    // Tenants stored before conflicts could be dismissed have no `dismissed` yet.
    edit(tenant).dismissed = { ...tenant.dismissed, [op]: true };
  });
}
