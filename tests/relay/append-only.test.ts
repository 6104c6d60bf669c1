// The grow-only check on its own, with hand-made Yjs updates: the cases a live test can't
// produce on demand.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppendOnlyGuard } from '../../relay/append-only';

function device(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** The update a change to `doc` produces. */
function change(doc: Y.Doc, edit: (ops: Y.Map<unknown>) => void): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  edit(doc.getMap('ops'));
  doc.off('update', capture);
  if (!update) throw new Error('the edit changed nothing');
  return update;
}

/** Checks an update as the relay would and applies it to `live` when accepted. */
function offer(guard: AppendOnlyGuard, live: Y.Doc, update: Uint8Array): string | null {
  const problem = guard.check('tenant', live, update);
  if (!problem) Y.applyUpdate(live, update);
  return problem;
}

describe('AppendOnlyGuard', () => {
  it('accepts new ops', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    expect(
      offer(
        guard,
        live,
        change(a, (ops) => ops.set('k1', 'v1')),
      ),
    ).toBeNull();
    expect(
      offer(
        guard,
        live,
        change(a, (ops) => ops.set('k2', 'v2')),
      ),
    ).toBeNull();
    expect(live.getMap('ops').toJSON()).toEqual({ k1: 'v1', k2: 'v2' });
  });

  it('refuses a deletion and an overwrite', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    offer(
      guard,
      live,
      change(a, (ops) => ops.set('k', 'v')),
    );
    const b = device(2);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(live));
    expect(
      offer(
        guard,
        live,
        change(b, (ops) => ops.delete('k')),
      ),
    ).toMatch(/deletes 1 op/);
    const c = device(3);
    Y.applyUpdate(c, Y.encodeStateAsUpdate(live));
    expect(
      offer(
        guard,
        live,
        change(c, (ops) => ops.set('k', 'other')),
      ),
    ).toMatch(/overwrites 1 op/);
    expect(live.getMap('ops').get('k')).toBe('v');
  });

  it('accepts the same op written by two devices at once, in either order', () => {
    for (const [first, second] of [
      [1, 2],
      [2, 1],
    ]) {
      const guard = new AppendOnlyGuard();
      const live = new Y.Doc();
      const u1 = change(device(first), (ops) => ops.set('k', 'same'));
      const u2 = change(device(second), (ops) => ops.set('k', 'same'));
      expect(offer(guard, live, u1)).toBeNull();
      expect(offer(guard, live, u2)).toBeNull();
      expect(live.getMap('ops').get('k')).toBe('same');
    }
  });

  it('never lets a concurrent write of another value replace an op', () => {
    for (const [first, second] of [
      [1, 2],
      [2, 1],
    ]) {
      const guard = new AppendOnlyGuard();
      const live = new Y.Doc();
      const u1 = change(device(first), (ops) => ops.set('k', 'original'));
      const u2 = change(device(second), (ops) => ops.set('k', 'forged'));
      expect(offer(guard, live, u1)).toBeNull();
      offer(guard, live, u2); // refused, or accepted because Yjs keeps the original anyway
      expect(live.getMap('ops').get('k')).toBe('original');
    }
  });

  it('checks each update against those accepted before it, applied or not', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    const add = change(a, (ops) => ops.set('k', 'v'));
    const overwrite = change(a, (ops) => ops.set('k', 'w'));
    expect(guard.check('tenant', live, add)).toBeNull();
    expect(guard.check('tenant', live, overwrite)).toMatch(/overwrites 1 op/);
    // Still known after that refusal, though the live document has not got it yet.
    expect(guard.check('tenant', live, overwrite)).toMatch(/overwrites 1 op/);
  });

  it('refuses an update whose history the relay lacks', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    change(a, (ops) => ops.set('k1', 'v1')); // never sent
    const later = change(a, (ops) => ops.set('k2', 'v2'));
    expect(offer(guard, live, later)).toMatch(/does not have/);
    expect(live.getMap('ops').size).toBe(0);
  });

  it('refuses deleting an op before it has arrived', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    const add = change(a, (ops) => ops.set('k', 'v'));
    const m = device(2);
    Y.applyUpdate(m, add);
    const early = change(m, (ops) => ops.delete('k'));
    expect(offer(guard, live, early)).toMatch(/does not have/);
    expect(offer(guard, live, add)).toBeNull();
    expect(live.getMap('ops').get('k')).toBe('v');
  });

  it('refuses a change inside an op', () => {
    const guard = new AppendOnlyGuard();
    const live = new Y.Doc();
    const a = device(1);
    offer(
      guard,
      live,
      change(a, (ops) => ops.set('k', new Y.Map([['x', 1]]))),
    );
    const nested = a.getMap('ops').get('k') as Y.Map<number>;
    const edit = change(a, () => nested.set('x', 2));
    expect(offer(guard, live, edit)).toMatch(/inside an op/);
  });

  it('refuses garbage', () => {
    const guard = new AppendOnlyGuard();
    expect(guard.check('tenant', new Y.Doc(), new Uint8Array([255, 255, 255]))).toBe(
      'malformed update',
    );
  });
});
