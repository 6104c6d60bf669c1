/**
 * Records what the rules engine changes in a tenant, so a replay can take an
 * op back in O(what it touched) instead of copying the whole tenant.
 *
 * A command is decided by reading the tenant and applied by a closure that
 * changes it in place, anywhere (a user's roles, an assignment's apps, a
 * subscription's history). Rather than have every rule report its writes,
 * `apply` is handed `edit` (domain/context.ts): `edit(object)` is a view of
 * the object, a Proxy that wraps every object read through it and notes,
 * for every write or delete, the object, the key and what the key held
 * before. Undo puts those back, last first. Deciding reads the tenant itself:
 * through the view, every read of every rule would pay for a trap.
 *
 * Since deciding reads plain objects, a change made to one of them directly,
 * not through `edit`, would go unrecorded and survive an undo. `guard` is
 * what catches that in tests: a read-only view to decide on, whose objects
 * refuse every write (replay.ts uses it under vitest).
 *
 * Keys an undo deletes and puts back land last in their object, so an object's
 * key order may differ from a fresh replay's: the state is compared with
 * sorted keys (canonicalJson) and the queries sort what they return.
 */

/** One write: the object, the key, whether it had the key, and its value before. */
export type Change = readonly [target: object, key: PropertyKey, had: boolean, before: unknown];

type Bag = Record<PropertyKey, unknown>;

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

export class Journal {
  private changes: Change[] | null = null;
  private readonly views = new WeakMap<object, object>();
  private readonly guards = new WeakMap<object, object>();
  /** What each view and guard shows. */
  private readonly targets = new WeakMap<object, object>();
  private readonly handler: ProxyHandler<Bag> = {
    get: (target, key) => {
      const value = target[key];
      return isObject(value) ? this.view(value) : value;
    },
    set: (target, key, value) => {
      this.write(target, key, this.raw(value));
      return true;
    },
    defineProperty: (target, key, descriptor) => {
      const value = this.raw(descriptor.value);
      this.note(target, key);
      return Reflect.defineProperty(target, key, { ...descriptor, value });
    },
    deleteProperty: (target, key) => {
      if (!Object.hasOwn(target, key)) return true;
      this.active().push([target, key, true, target[key]]);
      return delete target[key];
    },
  };

  private readonly guardHandler: ProxyHandler<Bag> = {
    get: (target, key) => {
      const value = target[key];
      return isObject(value) ? this.guard(value) : value;
    },
    set: (_target, key) => refuseWrite(key),
    defineProperty: (target, key, descriptor) =>
      // Symbol-keyed lookups (domain/indexes.ts) may be built while deciding.
      typeof key === 'symbol' ? Reflect.defineProperty(target, key, descriptor) : refuseWrite(key),
    deleteProperty: (_target, key) => refuseWrite(key),
  };

  /** `target` as `apply` changes it: every change made through it is recorded. */
  view<T extends object>(target: T): T {
    return this.wrap(target, this.views, this.handler);
  }

  /** `edit` for `apply` (domain/context.ts): the view of an object, or of what a guard shows. */
  readonly edit = <T extends object>(target: T): T =>
    this.view((this.targets.get(target) as T | undefined) ?? target);

  /** `target` as deciding reads it when checked: every write through it throws. */
  guard<T extends object>(target: T): T {
    return this.wrap(target, this.guards, this.guardHandler);
  }

  private wrap<T extends object>(
    target: T,
    made: WeakMap<object, object>,
    handler: ProxyHandler<Bag>,
  ): T {
    let wrapped = made.get(target);
    if (!wrapped) {
      wrapped = new Proxy(target as Bag, handler);
      made.set(target, wrapped);
      this.targets.set(wrapped, target);
    }
    return wrapped as T;
  }

  /**
   * Runs `work` and returns what it returned with the changes it made through
   * views. If it throws, what it changed is taken back before the error goes on.
   */
  record<T>(work: () => T): { result: T; changes: Change[] } {
    if (this.changes) throw new Error('A recording is already under way.');
    const changes: Change[] = [];
    this.changes = changes;
    try {
      return { result: work(), changes };
    } catch (error) {
      undo(changes);
      throw error;
    } finally {
      this.changes = null;
    }
  }

  private active(): Change[] {
    if (!this.changes) throw new Error('The tenant was changed outside a replayed op.');
    return this.changes;
  }

  private write(target: Bag, key: PropertyKey, value: unknown): void {
    if (Object.hasOwn(target, key) && target[key] === value) return;
    this.note(target, key, value);
    target[key] = value;
  }

  /** Notes what `key` holds before it changes, with what a change of an array's length drops or adds. */
  private note(target: Bag, key: PropertyKey, value?: unknown): void {
    const changes = this.active();
    const had = Object.hasOwn(target, key);
    if (Array.isArray(target)) {
      if (key === 'length') {
        for (let i = value as number; i < target.length; i++) {
          if (Object.hasOwn(target, i)) changes.push([target, String(i), true, target[i]]);
        }
      } else if (!had) {
        changes.push([target, 'length', true, target.length]);
      }
    }
    changes.push([target, key, had, target[key]]);
  }

  /**
   * What to store: the object itself for a view or guard, and a new object
   * (built by the engine) with any views or guards inside it replaced by what
   * they show.
   */
  private raw(value: unknown): unknown {
    if (!isObject(value)) return value;
    const bag = value as Bag;
    const target = this.targets.get(bag);
    if (target) return target;
    for (const key of Object.keys(bag)) {
      const inner = bag[key];
      if (!isObject(inner)) continue;
      const stored = this.raw(inner);
      if (stored !== inner) bag[key] = stored;
    }
    return value;
  }
}

function refuseWrite(key: PropertyKey): never {
  throw new Error(
    `The rules engine changed "${String(key)}" while deciding, or in apply without edit(): the change would not be undone.`,
  );
}

/** Takes changes back, last first. */
export function undo(changes: readonly Change[]): void {
  for (let i = changes.length - 1; i >= 0; i--) {
    const [target, key, had, before] = changes[i];
    if (had) (target as Bag)[key] = before;
    else delete (target as Bag)[key];
  }
}
