import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { MalformedInput, readImported } from '../givenReader';
import type { Payload } from '../payload';
import { refuse } from '../refusal';
import { addImported, SeedError, type Imported } from '../seed';
import type { Tenant } from '../types';
import { author, isRefusal, notAuthorized, USERS_REMEDY } from './authorization';

/**
 * Brings a real tenant's people, subscriptions and assignments in as one op
 * (ARCHITECTURE.md: batch, not one op per user). What it brings is taken as it
 * stands, even counts that break a rule, which then show as violations; ids
 * that collide or refer to nothing refuse the whole import.
 */
export function decideImportTenant(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const admin = author(tenant, ctx, 'import a tenant', USERS_REMEDY);
  if (isRefusal(admin)) return reject(admin);
  if (!admin.roles.includes('GlobalAdministrator')) {
    return reject(notAuthorized('import a tenant', 'Ask a Global Administrator.'));
  }
  let imported: Imported;
  try {
    imported = readImported(p);
    // A plain copy: a replay hands the engine a recording view of the tenant (a
    // Proxy), which structuredClone refuses.
    addImported(JSON.parse(JSON.stringify(tenant)) as Tenant, imported, ctx.now, ctx.catalogue);
  } catch (error) {
    if (!(error instanceof MalformedInput || error instanceof SeedError)) throw error;
    return reject(
      refuse(
        'INVALID_INPUT',
        `The import cannot be applied: ${error.message}.`,
        'Correct the file and import it again; nothing was changed.',
      ),
    );
  }
  return accept((edit) => addImported(edit(tenant), imported, ctx.now, ctx.catalogue));
}
