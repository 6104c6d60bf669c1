/**
 * Records what the rules engine changes in a tenant, so a replay can take an
 * op back in O(what it touched) instead of copying the whole tenant.
 *
 * The engine changes the tenant in place, anywhere (a user's roles, an
 * assignment's apps, a subscription's history). Rather than have every rule
 * report its writes, the engine is handed a view of the tenant: a Proxy that
 * wraps every object read through it and notes, for every write or delete,
 * the object, the key and what the key held before. Undo puts those back,
 * last first. The tenant itself stays a plain object (what snapshots,
 * structuredClone and the screens see); only the engine sees the view.
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

  /** `target` as the engine should see it: every change made through it is recorded. */
  view<T extends object>(target: T): T {
    let view = this.views.get(target);
    if (!view) {
      view = new Proxy(target as Bag, this.handler);
      this.views.set(target, view);
      this.targets.set(view, target);
    }
    return view as T;
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
   * What to store: the object itself for a view, and a new object (built by the
   * engine) with any views inside it replaced by what they show.
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

/** Takes changes back, last first. */
export function undo(changes: readonly Change[]): void {
  for (let i = changes.length - 1; i >= 0; i--) {
    const [target, key, had, before] = changes[i];
    if (had) (target as Bag)[key] = before;
    else delete (target as Bag)[key];
  }
}
