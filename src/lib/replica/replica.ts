import * as Y from 'yjs';
import { advance, isDue } from '../domain/advance';
import type { Catalogue } from '../domain/catalogue/catalogue';
import { recordedPayload } from '../domain/commands/recorded';
import type { Command, Outcome } from '../domain/engine';
import { query, type Answered } from '../domain/queries';
import { subjectsOf } from '../domain/subjects';
import type { PublicKeyJwk, Tenant } from '../domain/types';
import { activityOf, type Activity } from './activity';
import { canonicalJson } from './canonical';
import type { Conflict } from './conflict';
import { fingerprint, importPublicKey, type DeviceKeys } from './deviceKeys';
import { ClockDrift, HybridClock } from './hlc';
import { proofHolds } from './invitationProof';
import { invitationKeyOf, offeredKeyOf } from './offeredKeys';
import { checkOp, hashMatches, opTime, parseOp, signOp, StoredOp, type Op } from './op';
import { entryOf, Replay, RestoredEntry } from './replay';
import { digestOf, orderOf, readOrder, stateVectorOf, type Snapshot } from './snapshot';
import { stabilityOf } from './stability';
import {
  KEY_SHARES,
  makeShare,
  openShare,
  readShare,
  shareId,
  shareSignedBy,
  type KeyShare,
  type WrapKeys,
} from './keyShares';
import { newTenantKey, plain, type Sealing, type TenantKey } from './sealing';
import { keysOf, vouches, type Checks, type Voucher } from './vouching';

/** Transaction origins, so observers can tell our own writes from received ones. */
export const LOCAL = 'seats:local';
export const REPAIR = 'seats:repair';

export interface ReplicaOptions {
  device: string;
  keys: DeviceKeys;
  /** The tenant before any op: empty, or a scenario's `given`. */
  base: Tenant;
  catalogue: Catalogue;
  doc?: Y.Doc;
  /** How far behind a snapshot its stored checkpoint is, at least (tests make it small). */
  checkpointSpacing?: number;
  /** How ops are stored: sealed with the tenant's key (opCipher.ts), or plain (the default). */
  sealing?: Sealing;
  /** This device's key for receiving the tenant's key from others (keyShares.ts). */
  wrapKeys?: WrapKeys;
  /** Called when the replica comes to hold a new tenant key, to keep it. */
  onKeys?: (keys: readonly TenantKey[]) => void;
}

/** A key share that brought a new tenant key; `onTrust`: its sender could not be checked yet. */
interface Taken {
  share: KeyShare;
  key: TenantKey;
  onTrust: boolean;
}

/** What is worked out over all ops at once, for one revision of the replay. */
interface Derived {
  revision: number;
  /** How many ops the replica had seen (`known` only grows). */
  seen: number;
  stable: (op: Op) => boolean;
  activity?: Activity[];
  tentative?: TentativeSubjects;
}

/** Who and what applied changes not yet seen by every device touch. */
export interface TentativeSubjects {
  users: ReadonlySet<string>;
  subscriptions: ReadonlySet<string>;
}

/** An entry of the op map that could not be taken as an op, or an op held back. */
export interface Notice {
  key: string;
  reason: 'malformed' | 'tampered' | 'clockDrift' | 'sealed';
  detail: string;
}

/**
 * One device's copy of a tenant: the op log in a Yjs document (a grow-only
 * map of signed ops) and its replay through the rules engine.
 */
export class Replica {
  readonly doc: Y.Doc;
  readonly opMap: Y.Map<string>;
  /** Tenant keys handed to devices, by `shareId` (keyShares.ts). */
  readonly shares: Y.Map<string>;
  readonly device: string;
  private readonly sealing: Sealing;
  private readonly wrapKeys: WrapKeys | null;
  private readonly onKeys: (keys: readonly TenantKey[]) => void;
  /** Ops sealed with a tenant key this device does not hold yet, taken in once it does. */
  private readonly locked = new Map<string, string>();
  private readonly reportedLocked = new Set<number>();
  private sharesChanged = true;
  private readonly keys: DeviceKeys;
  private readonly catalogue: Catalogue;
  private readonly clock: HybridClock;
  private replay: Replay;
  private readonly base: Tenant;
  private readonly checkpointSpacing: number | undefined;
  private seq = 0;
  /** Every op this replica has taken in, by id; never shrinks, whatever the map says. */
  private known = new Map<string, StoredOp>();
  /** Indexes over `known`, kept as ops arrive: each device's latest op and offered keys. */
  private readonly latest = new Map<string, StoredOp>();
  private readonly offeredKeys = new Map<string, Map<string, PublicKeyJwk>>();
  /** Public keys of invitations made in ops taken in, for checking joins' proofs. */
  private readonly invitationKeys: PublicKeyJwk[] = [];
  /** The key each op taken in is authentic under (vouching.ts), null for none. */
  private readonly keyOf = new Map<string, string | null>();
  /** Ops named in `prev` that have not arrived yet, and who named them: their vouchers to be. */
  private readonly awaited = new Map<string, Omit<Voucher, 'key'>[]>();
  /**
   * This device's latest authentic op: the head of its own that a new op
   * names, so a forged op claiming this device is never vouched for.
   */
  private ownHead: StoredOp | null = null;
  private readonly pending = new Set<string>();
  /** Whether the document's ops from before this replica was made are still to be taken in. */
  private unread = true;
  private readonly heldBack = new Map<string, string>();
  private readonly keyCache = new Map<string, Promise<CryptoKey>>();
  private cache: Derived | null = null;
  readonly notices: Notice[] = [];

  constructor(options: ReplicaOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.opMap = this.doc.getMap<string>('ops');
    this.shares = this.doc.getMap<string>(KEY_SHARES);
    this.sealing = options.sealing ?? plain;
    this.wrapKeys = options.wrapKeys ?? null;
    this.onKeys = options.onKeys ?? (() => {});
    this.device = options.device;
    this.keys = options.keys;
    this.catalogue = options.catalogue;
    this.clock = new HybridClock(options.device);
    this.base = options.base;
    this.checkpointSpacing = options.checkpointSpacing;
    this.replay = new Replay(options.base, options.catalogue, this.checkpointSpacing);
    this.opMap.observe((event, transaction) => {
      if (transaction.origin === LOCAL) return;
      for (const key of event.keysChanged as Set<string>) this.pending.add(key);
    });
    this.shares.observe(() => {
      this.sharesChanged = true;
    });
  }

  get tenant(): Tenant {
    return this.replay.tenant;
  }

  get conflicts(): readonly Conflict[] {
    return this.replay.conflicts;
  }

  get opCount(): number {
    return this.replay.length;
  }

  /** Changes whenever the replayed state does (never repeats): what a save is taken at. */
  get revision(): number {
    return this.replay.revision;
  }

  /**
   * Decides a command on this device's state now; if allowed, records it as a
   * signed op and applies it. A refused command leaves no op behind.
   */
  async execute(
    command: Command,
    author: string | null,
    now: number,
  ): Promise<Outcome & { op?: Op }> {
    await this.refresh(now);
    const full = this.stamped(command, now);
    // BILL-3: the one place an op's payload differs from its command. The
    // command is decided as given (a bad security code is refused here, and
    // nothing is recorded); the op carries recordedPayload's form, without
    // the security code or the full card number, so neither is ever signed,
    // stored, sent or exported.
    const payload = recordedPayload(command.type, full);
    const key = fingerprint(this.keys.publicJwk);
    // Decided once, on the state now: kept if the op still lands last at `now` (replay.ts).
    const decision = this.replay.attempt(
      { type: command.type, payload: full },
      author,
      now,
      { device: this.device, key },
      payload,
    );
    if (!decision.ok) return decision;

    let op: Op;
    try {
      op = await signOp(
        {
          hlc: this.clock.send(now),
          device: this.device,
          seq: ++this.seq,
          author,
          prev: this.heads(),
          type: command.type,
          payload,
        },
        this.keys,
      );
    } catch (error) {
      this.replay.dropTrial();
      throw error;
    }
    const text = this.sealing.seal(JSON.stringify(op));
    this.doc.transact(() => this.opMap.set(op.id, text), LOCAL);
    this.ownHead = this.remember(op, text);
    this.keyOf.set(op.id, key);
    this.replay.commit(entryOf(op, key));
    const result = this.replay.result(op);
    if (!result) {
      await this.handOutKeys(op);
      return { ok: true, op };
    }
    return {
      ok: false,
      refusal: { code: result.code, message: result.message, remedy: result.remedy },
      op,
    };
  }

  /** Money is never combined silently: a total change names the version it was made against. */
  private stamped(command: Command, now: number): unknown {
    if (command.type === 'revokeDevice') return this.cutStamped(command.payload);
    if (command.type !== 'setTotalLicenses') return command.payload;
    const payload = command.payload as { subscription?: unknown; basedOn?: unknown };
    const subscription =
      typeof payload.subscription === 'string'
        ? this.viewAt(now).subscriptions[payload.subscription]
        : undefined;
    if (!subscription || payload.basedOn !== undefined) return command.payload;
    return { ...payload, basedOn: subscription.totalVersion };
  }

  /** A revocation cuts after the last op of the device this replica has seen (SYNC-5). */
  private cutStamped(payload: unknown): unknown {
    const p = payload as { device?: unknown; afterSeq?: unknown };
    if (typeof p.device !== 'string' || p.afterSeq !== undefined) return payload;
    return { ...p, afterSeq: this.latest.get(p.device)?.op.seq ?? 0 };
  }

  /** The tenant as it stands at `now` (scheduled changes due by then applied), without touching the replay. */
  private viewAt(now: number): Tenant {
    if (!isDue(this.tenant, now)) return this.tenant;
    const view = structuredClone(this.tenant);
    advance(view, now);
    return view;
  }

  query(name: string, args: unknown, now: number): Answered {
    if (name === 'conflicts') return { ok: true, value: this.conflicts };
    // viewAt has applied anything due, so the query's own advance changes nothing.
    return query(this.viewAt(now), name, args, { now, author: null, catalogue: this.catalogue });
  }

  /**
   * Takes in ops that arrived in the document since the last call: checks,
   * orders, replays; then any tenant key shared with this device, and the ops
   * sealed with it.
   */
  async refresh(now: number): Promise<void> {
    await this.takeIn(now);
    const taken = await this.takeShares();
    if (taken && this.locked.size) await this.takeIn(now);
    if (taken) await this.checkOnTrust(taken);
  }

  private async takeIn(now: number): Promise<void> {
    const keys = [
      ...(this.unread ? this.opMap.keys() : []),
      ...this.pending,
      ...this.heldBack.keys(),
      ...this.locked.keys(),
    ];
    this.unread = false;
    this.pending.clear();
    this.heldBack.clear();
    this.locked.clear();
    const arrived: Op[] = [];
    const repairs: [string, string][] = [];
    for (const key of new Set(keys)) {
      const text = this.opMap.get(key);
      const mine = this.known.get(key);
      if (mine) {
        // Grow-only: an op we hold is never deleted or changed by what arrives.
        if (text !== mine.text) {
          repairs.push([key, mine.text]);
          this.notices.push({
            key,
            reason: 'tampered',
            detail: text === undefined ? 'deleted' : 'overwritten',
          });
        }
        continue;
      }
      if (text === undefined) continue;
      const opened = this.sealing.open(text);
      if (!opened.ok && opened.reason === 'locked') {
        // Reported once per key missing, not on every refresh while waiting for it.
        if (!this.reportedLocked.has(opened.epoch ?? 0)) {
          this.reportedLocked.add(opened.epoch ?? 0);
          this.notices.push({
            key,
            reason: 'sealed',
            detail: `sealed with tenant key ${opened.epoch ?? '?'}, which this device does not hold yet`,
          });
        }
        this.locked.set(key, text);
        continue;
      }
      const op = opened.ok ? parseOp(opened.text) : null;
      if (!op || op.id !== key) {
        this.notices.push({ key, reason: 'malformed', detail: 'not a well-formed op' });
        continue;
      }
      try {
        this.clock.receive(op.hlc, now);
      } catch (error) {
        if (!(error instanceof ClockDrift)) throw error;
        this.heldBack.set(key, text);
        this.notices.push({ key, reason: 'clockDrift', detail: error.message });
        continue;
      }
      this.remember(op, text);
      if (op.device === this.device) this.seq = Math.max(this.seq, op.seq);
      arrived.push(op);
    }
    if (repairs.length) {
      this.doc.transact(() => {
        for (const [key, text] of repairs) this.opMap.set(key, text);
      }, REPAIR);
    }
    if (!arrived.length) return;
    const opKeys = await keysOf(arrived, (id) => this.vouchersOf(id), this.checks);
    const rekeyed = await this.revouched(arrived, opKeys);
    await this.unproven(arrived, opKeys, rekeyed);
    for (const op of arrived) {
      const key = opKeys.get(op.id)!;
      this.keyOf.set(op.id, key);
      this.awaited.delete(op.id);
      const head = this.ownHead?.op;
      if (op.device === this.device && key !== null && (!head || head.seq < op.seq)) {
        this.ownHead = this.known.get(op.id)!;
      }
    }
    this.replay.insert(arrived.map((op) => entryOf(op, opKeys.get(op.id)!)));
    if (rekeyed.size) this.replay.rekey(rekeyed);
  }

  private readonly checks: Checks = {
    signedBy: (op) => this.verify(op),
    hashes: hashMatches,
  };

  /** Ops taken in that name `id` in `prev`, with their keys. */
  private vouchersOf(id: string): Voucher[] {
    return (this.awaited.get(id) ?? []).map((v) => ({ ...v, key: this.keyOf.get(v.id) ?? null }));
  }

  /**
   * SYNC-5: an invited device's own first op counts only with a proof made
   * with the invitation's secret; without one, it is as if unsigned (whatever
   * vouches for it), so it is refused and enrols nothing.
   */
  private async unproven(
    arrived: Op[],
    keys: Map<string, string | null>,
    rekeyed: Map<string, string | null>,
  ): Promise<void> {
    const joins = [...arrived, ...[...rekeyed.keys()].map((id) => this.known.get(id)!.op)].filter(
      (op) => op.type === 'joinWithInvitation' && (keys.get(op.id) ?? rekeyed.get(op.id)),
    );
    for (const op of joins) {
      if (await proofHolds(op, this.replay.tenant, this.invitationKeys)) continue;
      if (keys.has(op.id)) keys.set(op.id, null);
      else rekeyed.set(op.id, null);
      this.keyOf.set(op.id, null);
    }
  }

  /**
   * When an arriving op vouches for one taken in earlier with another key
   * (only a device's key holder can make that happen, by naming an op it did
   * not sign), that device's keys are worked out again over all its ops, as a
   * replica that received them in one go would. Returns the earlier ops whose
   * key changed; corrects `keys` for the arriving ones.
   */
  private async revouched(
    arrived: Op[],
    keys: Map<string, string | null>,
  ): Promise<Map<string, string | null>> {
    const devices = new Set<string>();
    for (const op of arrived) {
      const key = keys.get(op.id);
      if (key === null) continue;
      for (const id of op.prev) {
        const named = keys.has(id) ? undefined : this.known.get(id)?.op;
        if (named && vouches(op, named) && this.keyOf.get(id) !== key) devices.add(op.device);
      }
    }
    const changed = new Map<string, string | null>();
    if (!devices.size) return changed;
    const ops = [...this.known.values()].map((s) => s.op).filter((op) => devices.has(op.device));
    for (const [id, key] of await keysOf(ops, () => [], this.checks)) {
      if (keys.has(id)) keys.set(id, key);
      else if (this.keyOf.get(id) !== key) {
        changed.set(id, key);
        this.keyOf.set(id, key);
      }
    }
    return changed;
  }

  /**
   * Incoming ops (a sync file, say) that are not what they claim: malformed,
   * an id that isn't their content hash, or a signature no key of their device
   * (in the log or enrolled by the batch itself) accepts. Nothing is applied.
   * `sharedKeys`: tenant keys the batch brings in key shares (keysSharedIn),
   * to open its ops with as well.
   */
  async rejectedOf(
    texts: string[],
    sharedKeys: readonly TenantKey[] = [],
  ): Promise<{ text: string; reason: string }[]> {
    const sealing = this.sealingWith(sharedKeys);
    const ops = texts.map((text) => ({ text, op: readWith(sealing, text) }));
    const offered = new Map<string, PublicKeyJwk[]>();
    for (const { op } of ops) {
      const [device, jwk] = (op && offeredKeyOf(op)) ?? [];
      if (device && jwk) offered.set(device, [...(offered.get(device) ?? []), jwk]);
    }
    const rejected: { text: string; reason: string }[] = [];
    for (const { text, op } of ops) {
      if (!op) {
        const opened = sealing.open(text);
        rejected.push({
          text,
          reason:
            !opened.ok && opened.reason === 'locked'
              ? 'sealed with a tenant key this device does not hold'
              : 'not a well-formed op',
        });
        continue;
      }
      let valid = false;
      for (const jwk of [...this.candidateKeys(op.device), ...(offered.get(op.device) ?? [])]) {
        if (await checkOp(op, await this.importKey(jwk))) {
          valid = true;
          break;
        }
      }
      if (!valid)
        rejected.push({
          text,
          reason: `op ${op.id} does not match its content or its device's key`,
        });
    }
    return rejected;
  }

  /** An op from its stored text (sealed or plain), or null when it can't be read as one. */
  readStored(text: string): Op | null {
    return readWith(this.sealing, text);
  }

  /** Ops from stored texts, as readStored reads them, with `sharedKeys` (keysSharedIn) as well. */
  readAllStored(texts: readonly string[], sharedKeys: readonly TenantKey[]): (Op | null)[] {
    const sealing = this.sealingWith(sharedKeys);
    return texts.map((text) => readWith(sealing, text));
  }

  private sealingWith(sharedKeys: readonly TenantKey[]): Sealing {
    return sharedKeys.length ? this.sealing.withKeys(sharedKeys) : this.sealing;
  }

  /** The tenant keys this replica holds: what an invitation passes on. */
  get tenantKeys(): readonly TenantKey[] {
    return this.sealing.keys;
  }

  /**
   * After this device's own op took effect: an enrolled device is handed the
   * tenant keys held; a revoked one is cut off from future ops by a new key,
   * handed to every device that can receive it but the revoked one (SYNC-5).
   */
  private async handOutKeys(op: Op): Promise<void> {
    if (!this.sealing.keys.length) return;
    const device = (op.payload as { device?: unknown }).device;
    if (typeof device !== 'string') return;
    if (op.type === 'enrolDevice') {
      await this.share(this.sealing.keys, [device]);
    } else if (op.type === 'revokeDevice') {
      const epoch = Math.max(...this.sealing.keys.map((k) => k.epoch)) + 1;
      const key = newTenantKey(epoch);
      this.sealing.add(key);
      this.onKeys(this.sealing.keys);
      // This device too: the share in the log is how it gets the key back after a restart.
      const holders = Object.values(this.tenant.devices)
        .filter((d) => !d.revoked)
        .map((d) => d.id);
      await this.share([key], holders);
    }
  }

  private async share(keys: readonly TenantKey[], devices: string[]): Promise<void> {
    const made: [string, string][] = [];
    for (const to of devices) {
      const wrapKey = this.tenant.devices[to]?.wrapKey;
      if (!wrapKey) continue;
      for (const key of keys) {
        const id = shareId(key.epoch, to);
        if (this.shares.has(id)) continue;
        const share = await makeShare(
          key,
          { device: to, wrapKey },
          { device: this.device, keys: this.keys },
        );
        made.push([id, JSON.stringify(share)]);
      }
    }
    if (made.length) {
      this.doc.transact(() => {
        for (const [id, text] of made) if (!this.shares.has(id)) this.shares.set(id, text);
      }, LOCAL);
    }
  }

  /**
   * Takes the tenant keys shared with this device by an enrolled, unrevoked
   * device whose signature the share carries. A device that cannot read a
   * single op yet (just added by its code) cannot know who is enrolled: it
   * takes a share on trust, as it takes the tenant it was pointed at, and
   * checks it once the log reads (checkOnTrust). Returns the shares that
   * brought a new key, or null when none did.
   */
  private async takeShares(): Promise<Taken[] | null> {
    if (!this.sharesChanged) return null;
    this.sharesChanged = false;
    const { taken, waiting } = await this.openShares(this.shares.values());
    // A sharing device may be enrolled by ops still to come: look again then.
    if (waiting) this.sharesChanged = true;
    const added = taken.filter(({ key }) => this.sealing.add(key));
    if (added.length) this.onKeys(this.sealing.keys);
    return added.length ? added : null;
  }

  /**
   * Opens the shares among `texts` that hold a key for this device it lacks
   * (see takeShares), without taking the keys. `waiting`: some share came from
   * a device the log does not enrol (yet).
   */
  private async openShares(texts: Iterable<string>): Promise<{ taken: Taken[]; waiting: boolean }> {
    const taken: Taken[] = [];
    let waiting = false;
    if (!this.wrapKeys) return { taken, waiting };
    const held = new Set(this.sealing.keys.map((k) => k.epoch));
    for (const text of texts) {
      const share = readShare(text);
      if (!share || share.to !== this.device || held.has(share.epoch)) continue;
      const by = this.tenant.devices[share.by];
      const blind = this.replay.length === 0;
      if ((!by || by.revoked) && !blind) {
        waiting = true;
        continue;
      }
      const byKey = by ? await this.importKey(by.publicKey) : null;
      const key = await openShare(share, this.wrapKeys, byKey);
      if (key) {
        held.add(key.epoch);
        taken.push({ share, key, onTrust: !byKey });
      }
    }
    return { taken, waiting };
  }

  /** The tenant keys that key shares from elsewhere (a sync file) would give this device. */
  async keysSharedIn(texts: readonly string[]): Promise<TenantKey[]> {
    return (await this.openShares(texts)).taken.map((t) => t.key);
  }

  /** A share taken on trust must come from a device the log it opened enrols; else it is reported. */
  private async checkOnTrust(taken: Taken[]): Promise<void> {
    for (const { share } of taken.filter((t) => t.onTrust)) {
      const by = this.tenant.devices[share.by];
      const signed = by && (await shareSignedBy(share, await this.importKey(by.publicKey)));
      if (!signed) {
        this.notices.push({
          key: shareId(share.epoch, share.to),
          reason: 'tampered',
          detail: `the tenant key share is not signed by an enrolled device ("${share.by}")`,
        });
      }
    }
  }

  /** The key, of those its device has been given anywhere in the log, the op checks under. */
  private async verify(op: Op): Promise<string | null> {
    for (const jwk of this.candidateKeys(op.device)) {
      if (await checkOp(op, await this.importKey(jwk))) return fingerprint(jwk);
    }
    return null;
  }

  private remember(op: Op, text: string): StoredOp {
    const stored = new StoredOp(op.id, text, op);
    this.known.set(op.id, stored);
    for (const id of op.prev) {
      if (this.known.has(id)) continue;
      const named = this.awaited.get(id) ?? [];
      named.push({ id: op.id, device: op.device, seq: op.seq });
      this.awaited.set(id, named);
    }
    const current = this.latest.get(op.device);
    if (!current || current.op.seq < op.seq) this.latest.set(op.device, stored);
    const offered = offeredKeyOf(op);
    if (offered) this.offerKey(...offered);
    const invitation = invitationKeyOf(op);
    if (invitation) this.invitationKeys.push(invitation);
    return stored;
  }

  private offerKey(device: string, jwk: PublicKeyJwk): void {
    const keys = this.offeredKeys.get(device) ?? new Map<string, PublicKeyJwk>();
    keys.set(fingerprint(jwk), jwk);
    this.offeredKeys.set(device, keys);
  }

  /** Every key its device has been given: enrolled in the base, or offered by an op in the log. */
  private candidateKeys(device: string): PublicKeyJwk[] {
    const keys = new Map(this.offeredKeys.get(device));
    const enrolled = this.replay.tenant.devices[device]?.publicKey;
    if (enrolled) keys.set(fingerprint(enrolled), enrolled);
    if (device === this.device) keys.set(fingerprint(this.keys.publicJwk), this.keys.publicJwk);
    return [...keys.values()];
  }

  private importKey(jwk: PublicKeyJwk): Promise<CryptoKey> {
    const id = fingerprint(jwk);
    let key = this.keyCache.get(id);
    if (!key) {
      key = importPublicKey(jwk);
      this.keyCache.set(id, key);
    }
    return key;
  }

  /** The latest op of each device this replica has: what a new op says it had seen. */
  private heads(): string[] {
    const others = [...this.latest].filter(([device]) => device !== this.device);
    const ids = others.map(([, { id }]) => id);
    if (this.ownHead) ids.push(this.ownHead.id);
    return ids.sort();
  }

  /**
   * Tentative until every device of the tenant has been seen past it (its
   * latest op names, through `prev`, a head at or after it), then stable.
   */
  isStable(opId: string): boolean {
    const target = this.known.get(opId)?.op;
    return target ? this.derived().stable(target) : false;
  }

  /**
   * Every op in replay order with its outcome and whether it is stable: the
   * Activity page. Worked out again only after something changed.
   */
  activity(): readonly Activity[] {
    const derived = this.derived();
    derived.activity ??= this.replay.ops.map(({ op }, i) =>
      activityOf(op, this.replay.outcomeAt(i), derived.stable(op)),
    );
    return derived.activity;
  }

  /** The people and subscriptions that applied, still tentative changes touch. */
  tentative(): TentativeSubjects {
    const derived = this.derived();
    if (!derived.tentative) {
      const users = new Set<string>();
      const subscriptions = new Set<string>();
      this.replay.ops.forEach(({ op }, i) => {
        if (derived.stable(op) || this.replay.outcomeAt(i)) return;
        const subjects = subjectsOf(op.type, op.payload);
        for (const id of subjects.users) users.add(id);
        for (const id of subjects.subscriptions) subscriptions.add(id);
      });
      derived.tentative = { users, subscriptions };
    }
    return derived.tentative;
  }

  private derived(): Derived {
    const { revision } = this.replay;
    const current = this.cache;
    if (current?.revision === revision && current.seen === this.known.size) return current;
    const stable = stabilityOf(
      new Map([...this.latest].map(([device, stored]) => [device, stored.op])),
      (id) => this.known.get(id)?.op,
      Object.keys(this.tenant.devices),
      this.device,
    );
    this.cache = { revision, seen: this.known.size, stable };
    return this.cache;
  }

  /** Ops whose signature no key of their device accepts: shown here as conflicts, never passed on. */
  forgedOps(): Set<string> {
    return new Set(this.replay.ops.filter((e) => e.key === null).map((e) => e.id));
  }

  /** The replayed state to store, so the next start needs no replay. */
  async snapshot(): Promise<Snapshot> {
    // A command still being signed is not in the log yet, so not in the snapshot.
    this.replay.dropTrial();
    const { ops } = this.replay;
    const deviceKeys: Record<string, string> = {};
    const unverified: string[] = [];
    for (const { id, device, key } of ops) {
      if (key === null) unverified.push(id);
      else deviceKeys[device] = key;
    }
    const state = JSON.stringify({ tenant: this.tenant, conflicts: this.conflicts });
    const checkpoint = this.replay.snapshotTaken(state);
    const revocations = this.replay.revocationsState;
    const offeredKeys = Object.fromEntries(
      [...this.offeredKeys].map(([device, keys]) => [device, [...keys.values()]]),
    );
    return {
      version: 2,
      opCount: ops.length,
      order: orderOf(ops),
      stateVector: stateVectorOf(this.doc),
      state,
      ...(checkpoint ? { checkpoint } : {}),
      deviceKeys,
      unverified,
      heads: Object.fromEntries([...this.latest].map(([device, { id }]) => [device, id])),
      offeredKeys,
      awaited: Object.fromEntries(this.awaited),
      revocations,
      digest: await digestOf(ops.map(({ id }) => id)),
    };
  }

  /**
   * Starts from a stored snapshot when it reflects exactly the ops in the
   * document; returns false (and changes nothing) when they disagree, so the
   * caller replays the log instead. The document must be as it was when the
   * snapshot was taken (the same Yjs state vector): then every op in it is one
   * the snapshot took in, and ops are read only when their content is needed.
   */
  async restore(snapshot: Snapshot): Promise<boolean> {
    if (snapshot.version !== 2) return false;
    const order = readOrder(snapshot.order, snapshot.opCount);
    if (!order) return false;
    if ((await digestOf(order.map(({ id }) => id))) !== snapshot.digest) return false;
    // From here on nothing awaits, so the document can't change under the checks.
    if (this.replay.length > 0 || this.opMap.size !== snapshot.opCount) return false;
    if (stateVectorOf(this.doc) !== snapshot.stateVector) return false;
    const { checkpoint } = snapshot;
    if (checkpoint && !(checkpoint.index >= 0 && checkpoint.index < order.length)) return false;
    const stored = new Map<string, StoredOp>();
    for (const { id } of order) {
      const text = this.opMap.get(id);
      if (text === undefined) return false;
      stored.set(id, new StoredOp(id, text, undefined, (t) => this.readStored(t)));
    }
    const heads = new Map<string, StoredOp>();
    for (const [device, id] of Object.entries(snapshot.heads)) {
      const head = stored.get(id);
      if (!head) return false;
      heads.set(device, head);
    }
    const last = order.length ? stored.get(order[order.length - 1].id)!.op : null;
    const ownSeq = heads.get(this.device)?.op.seq ?? 0;

    this.known = stored;
    for (const [device, head] of heads) this.latest.set(device, head);
    for (const [device, keys] of Object.entries(snapshot.offeredKeys)) {
      for (const jwk of keys) this.offerKey(device, jwk);
    }
    this.seq = Math.max(this.seq, ownSeq);
    // The latest op sorts last: moving past it moves past them all.
    if (last) this.clock.receive(last.hlc, opTime(last));
    const unverified = new Set(snapshot.unverified);
    const entries = order.map(
      ({ id, device }) =>
        new RestoredEntry(
          stored.get(id)!,
          device,
          unverified.has(id) ? null : (snapshot.deviceKeys[device] ?? null),
        ),
    );
    for (const { id, key } of entries) this.keyOf.set(id, key);
    for (const [id, named] of Object.entries(snapshot.awaited ?? {})) this.awaited.set(id, named);
    // A device's clock only moves on, so its last entry with a key in replay order is its head.
    const own = entries.findLast((e) => e.device === this.device && e.key !== null);
    this.ownHead = own ? stored.get(own.id)! : null;
    this.replay = new Replay(this.base, this.catalogue, this.checkpointSpacing);
    this.replay.restore(
      entries,
      snapshot.state,
      checkpoint ?? null,
      snapshot.revocations ?? { candidates: {}, dropped: [] },
    );
    this.unread = false;
    return true;
  }

  /** Everything a replica derives; identical on replicas that have the same ops. */
  derivedState(): string {
    return canonicalJson({
      tenant: this.tenant,
      conflicts: this.conflicts,
      ops: this.replay.ops.map((e) => e.id),
    });
  }
}

function readWith(sealing: Sealing, text: string): Op | null {
  const opened = sealing.open(text);
  return opened.ok ? parseOp(opened.text) : null;
}
