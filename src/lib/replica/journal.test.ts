import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustHolderCount, holderCount } from '../domain/indexes';
import type { Assignment } from '../domain/types';
import { canonicalJson } from './canonical';
import { Journal, undo } from './journal';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, 0, 1, 'a', 'b'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An edit the engine could make: a path of choices down the tree, then what to do there. */
const edit = fc.record({
  path: fc.array(fc.nat(), { maxLength: 4 }),
  key: fc.constantFrom('a', 'b', 'c', 'x'),
  kind: fc.constantFrom(
    'set',
    'delete',
    'push',
    'pop',
    'splice',
    'sort',
    'reverse',
    'truncate',
    'cache',
    'wrapExisting',
  ),
  value: json,
});

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

type Bag = Record<string, unknown>;
const isObject = (v: unknown): v is Bag => typeof v === 'object' && v !== null;

function descend(root: Bag, path: number[]): Bag {
  let node = root;
  for (const choice of path) {
    const children = Object.keys(node).filter((k) => isObject(node[k]));
    if (!children.length) break;
    node = node[children[choice % children.length]] as Bag;
  }
  return node;
}

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(root: Bag, { path, key, kind, value }: Edit): void {
  const node = descend(root, path);
  const list = Array.isArray(node) ? (node as unknown[]) : null;
  switch (kind) {
    case 'set':
      node[list ? String(list.length + 1) : key] = structuredClone(value);
      break;
    case 'delete':
      delete node[list ? '0' : key];
      break;
    case 'push':
      if (list) list.push(structuredClone(value));
      break;
    case 'pop':
      list?.pop();
      break;
    case 'splice':
      list?.splice(0, 1, structuredClone(value), 'spliced');
      break;
    case 'sort':
      list?.sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
      break;
    case 'reverse':
      list?.reverse();
      break;
    case 'truncate':
      if (list) list.length = Math.floor(list.length / 2);
      break;
    case 'cache':
      Object.defineProperty(node, Symbol.for('cache'), {
        value: 1,
        writable: true,
        configurable: true,
      });
      break;
    case 'wrapExisting':
      // A new object holding something read through the view, as the engine builds them.
      node[key] = { kept: node[key] ?? null, list: [node[key] ?? null] };
      break;
  }
}

/** The tree with keys sorted, and every array's length and holes showing. */
function shape(value: unknown): string {
  if (Array.isArray(value)) {
    const items = Array.from(value, (_, i) => (i in value ? shape(value[i]) : '<hole>'));
    return `[${value.length}:${items.join(',')}]`;
  }
  return isObject(value)
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${k}=${shape(value[k])}`)
        .join(',')}}`
    : JSON.stringify(value);
}

describe('the journal', () => {
  it(
    'undoes any sequence of changes made through a view, leaving no view behind',
    () => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom('a', 'b', 'c'), json),
          fc.array(fc.array(edit, { maxLength: 6 }), { maxLength: 5 }),
          (start, steps) => {
            const tree = structuredClone(start) as Bag;
            const journal = new Journal();
            const view = journal.view(tree);
            const states = [shape(tree)];
            const recorded = steps.map((edits) => {
              const { changes } = journal.record(() => edits.forEach((e) => apply(view, e)));
              states.push(shape(tree));
              // What is stored is plain data: a copy can be made of it.
              expect(() => structuredClone(tree)).not.toThrow();
              return changes;
            });
            for (let i = recorded.length - 1; i >= 0; i--) {
              undo(recorded[i]);
              expect(shape(tree)).toBe(states[i]);
            }
            expect(Object.getOwnPropertySymbols(tree)).toEqual([]);
          },
        ),
        { numRuns: RUNS },
      );
    },
    10_000 + RUNS * 5,
  );

  it('takes back what a step changed before it threw', () => {
    const tree = { users: { ann: { roles: ['A'] } } };
    const journal = new Journal();
    const view = journal.view(tree);
    expect(() =>
      journal.record(() => {
        view.users.ann.roles.push('B');
        throw new Error('engine bug');
      }),
    ).toThrow('engine bug');
    expect(tree).toEqual({ users: { ann: { roles: ['A'] } } });
  });

  it('puts the engine’s count of holders back with the holders, whenever it was counted', () => {
    const holders = { ann: {}, bo: {} } as unknown as Record<string, Assignment>;
    const journal = new Journal();
    const view = journal.view(holders);
    const { changes } = journal.record(() => {
      adjustHolderCount(view, -1);
      delete view['bo'];
    });
    expect(holderCount(holders)).toBe(1);
    undo(changes);
    expect(Object.keys(holders)).toEqual(['ann', 'bo']);
    expect(holderCount(holders)).toBe(2);
  });

  it('refuses a change made through a view outside a recording', () => {
    const journal = new Journal();
    const view = journal.view({ name: 'x' });
    expect(() => {
      view.name = 'y';
    }).toThrow(/outside a replayed op/);
  });

  it('guards what deciding reads: a write through it throws, one through edit() is undone', () => {
    const tree: { users: Record<string, { roles: string[] }> } = {
      users: { ann: { roles: ['A'] } },
    };
    const journal = new Journal();
    const read = journal.guard(tree);
    const ann = read.users.ann;
    expect(ann.roles[0]).toBe('A');
    expect(() => {
      ann.roles = ['B'];
    }).toThrow(/without edit\(\)/);
    expect(() => ann.roles.push('B')).toThrow(/without edit/);
    expect(() => {
      delete (read.users as Record<string, unknown>)['ann'];
    }).toThrow(/without edit/);
    // Lookups kept under symbols may be built while deciding (domain/indexes.ts).
    const holders = read.users as unknown as Record<string, Assignment>;
    expect(holderCount(holders)).toBe(1);

    const { changes } = journal.record(() => {
      // A new object holding a guarded one stores what the guard shows.
      journal.edit(ann).roles = [...ann.roles, 'B'];
      journal.edit(read).users = { ...read.users, bo: { roles: ann.roles } };
    });
    expect(tree.users).toEqual({ ann: { roles: ['A', 'B'] }, bo: { roles: ['A', 'B'] } });
    expect(() => structuredClone(tree)).not.toThrow();
    undo(changes);
    expect(tree).toEqual({ users: { ann: { roles: ['A'] } } });
  });
});
