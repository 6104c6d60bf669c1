import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { yjsUpdateOf } from './messages';
import { Refusal } from './refusal';

/** The op log's grow-only maps: the ops, and the tenant keys handed to devices. */
const GROW_ONLY = ['ops', 'keyShares'] as const;

/**
 * Keeps the op log's maps grow-only: an update that would delete an op (or key share), give
 * an existing id another value, or change anything nested inside one is refused as a whole.
 */
export class AppendOnlyGuard {
  /**
   * Per document, the state after every update accepted so far. Checks run against it, not
   * against the live document, because Hocuspocus applies a message only after its hook has
   * resolved: two messages read from one socket chunk are both checked before either applies.
   */
  private readonly accepted = new Map<string, Y.Doc>();

  /** Updates accepted during this turn of the event loop, which may not be live yet. */
  private readonly recent = new Map<string, Uint8Array[]>();

  /** Returns why the update must be refused, or null after recording it as accepted. */
  check(name: string, live: Y.Doc, update: Uint8Array): string | null {
    const doc = this.acceptedState(name, live);
    const hadPending = hasPending(doc);
    const { problems, stop } = watchOps(doc);
    try {
      Y.applyUpdate(doc, update);
    } catch {
      problems.push('malformed update');
    } finally {
      stop();
    }
    // Pending parts are applied later, when what they refer to arrives, and could then delete
    // or overwrite ops that this check never saw. An honest client sends its history in order.
    if (problems.length === 0 && hasPending(doc) && !hadPending) {
      problems.push('refers to changes the relay does not have');
    }
    if (problems.length > 0) {
      this.rebuild(name, live);
      return problems.join(', ');
    }
    this.remember(name, update);
    return null;
  }

  forget(name: string): void {
    this.accepted.get(name)?.destroy();
    this.accepted.delete(name);
  }

  private acceptedState(name: string, live: Y.Doc): Y.Doc {
    const known = this.accepted.get(name);
    if (!known) return this.rebuild(name, live);
    // Catches up with what reached the live document without this check (storage, Redis).
    Y.applyUpdate(known, Y.encodeStateAsUpdate(live, Y.encodeStateVector(known)));
    return known;
  }

  // Accepted updates are applied to the accepted state directly, which is cheap; the rare
  // refused one has then spoiled it, so it is rebuilt from the live document plus whatever
  // was accepted too recently to be live. Yjs updates are idempotent, so replaying is safe.
  private rebuild(name: string, live: Y.Doc): Y.Doc {
    this.forget(name);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(live));
    for (const update of this.recent.get(name) ?? []) Y.applyUpdate(fresh, update);
    this.accepted.set(name, fresh);
    return fresh;
  }

  // Hocuspocus applies an accepted message in the microtasks right after its hook resolves,
  // so by the next macrotask it is live.
  private remember(name: string, update: Uint8Array): void {
    const list = this.recent.get(name);
    if (list) {
      list.push(update);
      return;
    }
    this.recent.set(name, [update]);
    setImmediate(() => this.recent.delete(name));
  }
}

export function appendOnlyExtension(guard: AppendOnlyGuard): Extension {
  return {
    extensionName: 'relay-append-only',
    beforeHandleMessage({ documentName, document, update: message, connection, socketId }) {
      let problem: string | null;
      try {
        const update = yjsUpdateOf(message);
        problem = update && guard.check(documentName, document, update);
      } catch {
        problem = 'malformed message';
      }
      if (!problem) return Promise.resolve();
      console.log(
        `relay: refused an update to tenant ${JSON.stringify(documentName)} ` +
          `(${message.length} bytes, socket ${socketId}): ${problem}`,
      );
      // Dropping the socket, not just this document's session, makes the provider reconnect
      // and resync from scratch instead of sitting unauthenticated on a half-closed session.
      (connection.webSocket as Closable).close(4403, 'update refused');
      return Promise.reject(new Refusal(`update refused: ${problem}`));
    },
    afterUnloadDocument({ documentName }) {
      guard.forget(documentName);
      return Promise.resolve();
    },
  };
}

interface Closable {
  close(code: number, reason: string): void;
}

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Collects, until stopped, every way updates applied to `doc` break the grow-only rule. */
function watchOps(doc: Y.Doc): { problems: string[]; stop: () => void } {
  const problems: string[] = [];
  const stops = GROW_ONLY.map((name) => watchMap(doc.getMap<unknown>(name), problems));
  return { problems, stop: () => stops.forEach((stop) => stop()) };
}

function watchMap(map: Y.Map<unknown>, problems: string[]): () => void {
  const onChange = (event: Y.YMapEvent<unknown>) => {
    let deleted = 0;
    let overwritten = 0;
    event.changes.keys.forEach((change, key) => {
      if (change.action === 'delete') deleted++;
      if (change.action === 'update' && !sameValue(change.oldValue, map.get(key))) overwritten++;
    });
    if (deleted) problems.push(`deletes ${deleted} op(s)`);
    if (overwritten) problems.push(`overwrites ${overwritten} op(s)`);
  };
  const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (events.some((event) => event.target !== map)) problems.push('changes content inside an op');
  };
  map.observe(onChange);
  map.observeDeep(onDeepChange);
  return () => {
    map.unobserve(onChange);
    map.unobserveDeep(onDeepChange);
  };
}

// Two devices may write the same op id at once; Yjs then keeps one copy and deletes the
// other, which shows up as an update to the same value. That is not a rewrite.
function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  if (before instanceof Y.AbstractType || after instanceof Y.AbstractType) return false;
  return JSON.stringify(before) === JSON.stringify(after);
}
