import * as Y from 'yjs';
import { advance } from '../domain/advance';
import type { Catalogue } from '../domain/catalogue/catalogue';
import { decide, type Command, type Outcome } from '../domain/engine';
import { query, type Answered } from '../domain/queries';
import type { PublicKeyJwk, Tenant } from '../domain/types';
import { canonicalJson } from './canonical';
import type { Conflict } from './conflict';
import { fingerprint, importPublicKey, type DeviceKeys } from './deviceKeys';
import { ClockDrift, HybridClock, parseHlc } from './hlc';
import { checkOp, parseOp, signOp, type Op } from './op';
import { Replay, type Entry } from './replay';
import { digestOf, type Snapshot } from './snapshot';

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
}

/** An entry of the op map that could not be taken as an op, or an op held back. */
export interface Notice {
  key: string;
  reason: 'malformed' | 'tampered' | 'clockDrift';
  detail: string;
}

/**
 * One device's copy of a tenant: the op log in a Yjs document (a grow-only
 * map of signed ops) and its replay through the rules engine.
 */
export class Replica {
  readonly doc: Y.Doc;
  readonly opMap: Y.Map<string>;
  readonly device: string;
  private readonly keys: DeviceKeys;
  private readonly catalogue: Catalogue;
  private readonly clock: HybridClock;
  private replay: Replay;
  private readonly base: Tenant;
  private seq = 0;
  /** Every op this replica has taken in, by id; never shrinks, whatever the map says. */
  private readonly known = new Map<string, { op: Op; text: string }>();
  /** Indexes over `known`, kept as ops arrive: each device's latest op and offered keys. */
  private readonly latest = new Map<string, Op>();
  private readonly offeredKeys = new Map<string, Map<string, PublicKeyJwk>>();
  private readonly pending = new Set<string>();
  private readonly heldBack = new Map<string, string>();
  private readonly keyCache = new Map<string, Promise<CryptoKey>>();
  readonly notices: Notice[] = [];

  constructor(options: ReplicaOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.opMap = this.doc.getMap<string>('ops');
    this.device = options.device;
    this.keys = options.keys;
    this.catalogue = options.catalogue;
    this.clock = new HybridClock(options.device);
    this.base = options.base;
    this.replay = new Replay(options.base, options.catalogue);
    for (const key of this.opMap.keys()) this.pending.add(key);
    this.opMap.observe((event, transaction) => {
      if (transaction.origin === LOCAL) return;
      for (const key of event.keysChanged as Set<string>) this.pending.add(key);
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
    const view = this.viewAt(now);
    const payload = this.stamped(command, view);
    const decision = decide(
      view,
      { type: command.type, payload },
      { now, author, catalogue: this.catalogue },
    );
    if (!decision.ok) return decision;

    const op = await signOp(
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
    const text = JSON.stringify(op);
    this.doc.transact(() => this.opMap.set(op.id, text), LOCAL);
    this.remember(op, text);
    this.replay.insert([{ op, key: fingerprint(this.keys.publicJwk) }]);
    const result = this.replay.result(op.id);
    if (!result) return { ok: true, op };
    return {
      ok: false,
      refusal: { code: result.code, message: result.message, remedy: result.remedy },
      op,
    };
  }

  /** Money is never combined silently: a total change names the version it was made against. */
  private stamped(command: Command, view: Tenant): unknown {
    if (command.type !== 'setTotalLicenses') return command.payload;
    const payload = command.payload as { subscription?: unknown; basedOn?: unknown };
    const subscription =
      typeof payload.subscription === 'string'
        ? view.subscriptions[payload.subscription]
        : undefined;
    if (!subscription || payload.basedOn !== undefined) return command.payload;
    return { ...payload, basedOn: subscription.totalVersion };
  }

  /** The tenant as it stands at `now` (scheduled changes due by then applied), without touching the replay. */
  private viewAt(now: number): Tenant {
    const due = Object.values(this.tenant.subscriptions).some(
      (s) => s.scheduledChange && s.scheduledChange.at <= now,
    );
    if (!due) return this.tenant;
    const view = structuredClone(this.tenant);
    advance(view, now);
    return view;
  }

  query(name: string, args: unknown, now: number): Answered {
    if (name === 'conflicts') return { ok: true, value: this.conflicts };
    // viewAt has applied anything due, so the query's own advance changes nothing.
    return query(this.viewAt(now), name, args, { now, author: null, catalogue: this.catalogue });
  }

  /** Takes in ops that arrived in the document since the last call: checks, orders, replays. */
  async refresh(now: number): Promise<void> {
    const keys = [...this.pending, ...this.heldBack.keys()];
    this.pending.clear();
    this.heldBack.clear();
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
      const op = parseOp(text);
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
    const entries = await Promise.all(arrived.map((op) => this.verify(op)));
    this.replay.insert(entries);
  }

  /**
   * Incoming ops (a sync file, say) that are not what they claim: malformed,
   * an id that isn't their content hash, or a signature no key of their device
   * (in the log or enrolled by the batch itself) accepts. Nothing is applied.
   */
  async rejectedOf(texts: string[]): Promise<{ text: string; reason: string }[]> {
    const ops = texts.map((text) => ({ text, op: parseOp(text) }));
    const offered = new Map<string, PublicKeyJwk[]>();
    for (const { op } of ops) {
      const p = op?.payload as { device?: unknown; publicKey?: PublicKeyJwk } | null | undefined;
      const created = p?.device as { id?: unknown; publicKey?: PublicKeyJwk } | undefined;
      const [device, jwk] =
        op?.type === 'enrolDevice'
          ? [p?.device, p?.publicKey]
          : op?.type === 'createTenant'
            ? [created?.id, created?.publicKey]
            : [];
      if (typeof device === 'string' && jwk)
        offered.set(device, [...(offered.get(device) ?? []), jwk]);
    }
    const rejected: { text: string; reason: string }[] = [];
    for (const { text, op } of ops) {
      if (!op) {
        rejected.push({ text, reason: 'not a well-formed op' });
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

  /** Checks an op against every key its device has been given anywhere in the log. */
  private async verify(op: Op): Promise<Entry> {
    for (const jwk of this.candidateKeys(op.device)) {
      if (await checkOp(op, await this.importKey(jwk))) return { op, key: fingerprint(jwk) };
    }
    return { op, key: null };
  }

  private remember(op: Op, text: string): void {
    this.known.set(op.id, { op, text });
    const current = this.latest.get(op.device);
    if (!current || current.seq < op.seq) this.latest.set(op.device, op);
    const p = op.payload as { device?: unknown; publicKey?: PublicKeyJwk } | null;
    const created = p?.device as { id?: unknown; publicKey?: PublicKeyJwk } | undefined;
    if (op.type === 'enrolDevice' && typeof p?.device === 'string')
      this.offerKey(p.device, p.publicKey);
    if (op.type === 'createTenant' && typeof created?.id === 'string')
      this.offerKey(created.id, created.publicKey);
  }

  private offerKey(device: string, jwk: PublicKeyJwk | undefined): void {
    if (!jwk || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return;
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
    return [...this.latest.values()].map((op) => op.id).sort();
  }

  /**
   * Tentative until every device of the tenant has been seen past it (its
   * latest op names, through `prev`, a head at or after it), then stable.
   */
  isStable(opId: string): boolean {
    const target = this.known.get(opId)?.op;
    if (!target) return false;
    const knowledge = new Map<string, Map<string, number>>();
    for (const [device, op] of this.latest) {
      const seen = new Map<string, number>([[device, op.seq]]);
      for (const id of op.prev) {
        const head = this.known.get(id)?.op;
        if (head) seen.set(head.device, Math.max(seen.get(head.device) ?? 0, head.seq));
      }
      knowledge.set(device, seen);
    }
    return Object.keys(this.tenant.devices).every(
      (device) =>
        device === this.device || (knowledge.get(device)?.get(target.device) ?? 0) >= target.seq,
    );
  }

  /** Ops whose signature no key of their device accepts: shown here as conflicts, never passed on. */
  forgedOps(): Set<string> {
    return new Set(this.replay.ops.filter((e) => e.key === null).map((e) => e.op.id));
  }

  /** The replayed state to store, so the next start needs no replay. */
  async snapshot(): Promise<Snapshot> {
    const deviceKeys: Record<string, string> = {};
    const unverified: string[] = [];
    for (const { op, key } of this.replay.ops) {
      if (key === null) unverified.push(op.id);
      else deviceKeys[op.device] = key;
    }
    return {
      version: 1,
      opCount: this.replay.length,
      digest: await digestOf(this.replay.ops.map((e) => e.op.id)),
      tenant: this.tenant,
      conflicts: [...this.conflicts],
      deviceKeys,
      unverified,
    };
  }

  /**
   * Starts from a stored snapshot when it reflects exactly the ops in the
   * document; returns false (and changes nothing) when they disagree, so the
   * caller replays the log instead.
   */
  async restore(snapshot: Snapshot): Promise<boolean> {
    if (snapshot.version !== 1 || this.replay.length > 0) return false;
    const ops: { op: Op; text: string }[] = [];
    for (const [key, text] of this.opMap.entries()) {
      const op = parseOp(text);
      if (!op || op.id !== key) return false;
      ops.push({ op, text });
    }
    if (ops.length !== snapshot.opCount) return false;
    if ((await digestOf(ops.map(({ op }) => op.id))) !== snapshot.digest) return false;
    const unverified = new Set(snapshot.unverified);
    for (const { op, text } of ops) {
      this.remember(op, text);
      if (op.device === this.device) this.seq = Math.max(this.seq, op.seq);
      this.clock.receive(op.hlc, parseHlc(op.hlc)!.millis);
    }
    this.replay = Replay.restore(
      this.base,
      this.catalogue,
      ops.map(({ op }) => ({
        op,
        key: unverified.has(op.id) ? null : (snapshot.deviceKeys[op.device] ?? null),
      })),
      snapshot,
    );
    this.pending.clear();
    return true;
  }

  /** Everything a replica derives; identical on replicas that have the same ops. */
  derivedState(): string {
    return canonicalJson({
      tenant: this.tenant,
      conflicts: this.conflicts,
      ops: this.replay.ops.map((e) => e.op.id),
    });
  }
}
