import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { asPayload, oneOf, text, type Payload } from '../payload';
import { refuse } from '../refusal';
import { BILLING_ACCOUNT_TYPES, type Role, type Tenant } from '../types';
import { deviceKeys, optionalPublicKey, publicKey } from './devices';
import { usageLocation } from './users';

/** ROLE-4: whoever signs up is Global Administrator, and under MCA also Billing account owner. */
export function decideCreateTenant(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const name = text(p, 'name');
  const type = oneOf(p, 'billingAccountType', BILLING_ACCOUNT_TYPES);
  const creator = asPayload(p['creator']);
  const id = text(creator, 'id');
  const displayName = text(creator, 'displayName');
  const location = usageLocation(creator);
  // The creating device enrols with the tenant, so its later ops can be verified.
  const device = p['device'] === undefined ? null : asPayload(p['device']);
  const deviceId = device ? text(device, 'id') : null;
  const deviceKey = device ? publicKey(device, 'publicKey') : null;
  const wrapKey = device ? optionalPublicKey(device, 'wrapKey') : null;
  // The demo's device is shared: Acting as lets one browser sign for anyone.
  const shared = device?.['shared'] === true;
  if (tenant.name !== null || Object.keys(tenant.users).length > 0) {
    return reject(
      refuse('ALREADY_EXISTS', 'This tenant has already been created.', 'Open it instead.'),
    );
  }
  const roles: Role[] =
    type === 'MCA' ? ['BillingAccountOwner', 'GlobalAdministrator'] : ['GlobalAdministrator'];
  return accept((edit) => {
    const t = edit(tenant);
    t.name = name;
    t.billingAccountType = type;
    t.users[id] = {
      id,
      displayName,
      usageLocation: location,
      kind: 'person',
      mailboxSizeGB: 0,
      department: null,
      roles,
      deletedAt: null,
    };
    if (deviceId !== null && deviceKey !== null) {
      t.devices[deviceId] = {
        id: deviceId,
        ...deviceKeys(deviceKey, wrapKey),
        person: shared ? null : id,
        enrolledAt: ctx.now,
      };
    }
  });
}
