import type { Outcome } from '../domain/engine';
import { toIsoInstant } from '../domain/time';
import { joinCommand, newInvitation } from '../replica/invitation';
import type { InvitationBundle } from '../replica/invitationBundle';
import { exportSyncFile, type SyncFileImport } from '../replica/syncFile';
import type { TenantSession } from './tenantSession';

export type Invited = { ok: true; bundle: InvitationBundle } | Extract<Outcome, { ok: false }>;

/**
 * Records an invitation for `person` (SYNC-5) and hands back what to pass on,
 * secret included: it lives only in the returned bundle, never in the log.
 */
export async function invite(
  session: TenantSession,
  input: {
    person: string;
    hours?: number;
    author: string | null;
    relay?: InvitationBundle['relay'];
  },
): Promise<Invited> {
  const made = await newInvitation(input.person, input.hours);
  const outcome = await session.execute(made.command, input.author);
  if (!outcome.ok) return outcome;
  const tenant = session.tenant;
  return {
    ok: true,
    bundle: {
      format: 'seats-invitation',
      version: 1,
      tenant: session.tenantId,
      tenantName: tenant.name ?? '',
      invitation: made.id,
      person: input.person,
      personName: tenant.users[input.person]?.displayName ?? input.person,
      expiresAt: toIsoInstant(tenant.invitations![made.id].expiresAt),
      secret: made.secret,
      ...(input.relay?.url ? { relay: input.relay } : {}),
      ...(session.replica.tenantKeys.length ? { keys: [...session.replica.tenantKeys] } : {}),
    },
  };
}

/** The sync file an invitation file carries: every op, so the invited device needs no network. */
export async function bundledOps(session: TenantSession, now: number): Promise<string> {
  const bytes = await exportSyncFile(session.replica, { tenant: session.tenantId, now });
  return new TextDecoder().decode(bytes);
}

/** Takes in the ops an invitation file carries; a refused file changes nothing. */
export async function importBundledOps(
  session: TenantSession,
  bundle: InvitationBundle,
  now: number,
): Promise<SyncFileImport> {
  return bundle.sync ? session.importSyncFile(bundle.sync, now) : { ok: true, added: 0 };
}

/** Resolves true once the tenant knows the invitation (from a file or the relay), false after `ms`. */
export function invitationArrived(
  session: TenantSession,
  id: string,
  ms: number,
): Promise<boolean> {
  const known = () => !!session.tenant.invitations?.[id];
  if (known()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (arrived: boolean) => {
      clearTimeout(timer);
      stop();
      resolve(arrived);
    };
    const timer = setTimeout(() => done(known()), ms);
    const stop = session.subscribe(() => {
      if (known()) done(true);
    });
  });
}

/** Spending an invitation: the engine's outcome, or this browser is already someone else's device. */
export type Spent = Outcome | { ok: false; heldAs: string | null };

/**
 * This device spends the invitation: its own key, a proof made with the
 * secret, and the op that enrols it as the invited person. Joining again on a
 * device the tenant already holds changes nothing; a device is one person's, so
 * a browser already enrolled as someone else leaves the invitation unspent.
 */
export async function spendInvitation(
  session: TenantSession,
  bundle: InvitationBundle,
): Promise<Spent> {
  const identity = await session.db.identities.get(session.tenantId);
  if (!identity) throw new Error(`This browser holds no keys for tenant "${session.tenantId}".`);
  const enrolled = session.tenant.devices[identity.device];
  if (enrolled && enrolled.person !== bundle.person) {
    return {
      ok: false,
      // null: the demo's shared device, which acts as anyone.
      heldAs:
        enrolled.person && (session.tenant.users[enrolled.person]?.displayName ?? enrolled.person),
    };
  }
  const outcome: Outcome = enrolled
    ? ({ ok: true } as const)
    : await session.execute(
        await joinCommand(
          bundle.secret,
          identity.device,
          identity.publicJwk,
          identity.wrap?.publicJwk,
        ),
        bundle.person,
      );
  if (outcome.ok) {
    await session.db.tenants.update(session.tenantId, {
      person: enrolled?.person ?? bundle.person,
      name: session.tenant.name || bundle.tenantName,
    });
  }
  return outcome;
}
