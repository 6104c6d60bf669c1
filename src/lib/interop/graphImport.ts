import type { Catalogue, Product } from '../domain/catalogue/catalogue';
import type { UnknownProduct } from '../domain/types';
import type { GivenAssignment, GivenSubscription, GivenUser } from '../domain/seed';
import { graphCollection, type GraphItem } from './graphPages';
import { previewOf, type ImportPreview, type ImportRemark, type Progress } from './importPreview';
import { importText } from './importText';
import { subscriptionIdOf, usageLocationOf, userIdOf } from './tenantIds';

export interface ImportFile {
  name: string;
  content: string | Uint8Array;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const units = (v: unknown): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0;

/** Where a SKU's users go: the subscription of its first state that has licenses, if any. */
interface Sku {
  product: Product | null;
  partNumber: string;
  subscription: string | null;
}

const PROGRESS_EVERY = 500;

/**
 * Graph keeps units by state; Seats keeps a subscription by state. An expired SKU whose units
 * Graph still counts as enabled is taken in its state.
 */
function unitsByState(sku: Json): [state: 'Active' | 'Expired' | 'Disabled', total: number][] {
  const prepaid = isObject(sku.prepaidUnits) ? sku.prepaidUnits : {};
  const buckets = {
    Active: units(prepaid.enabled),
    Expired: units(prepaid.warning),
    Disabled: units(prepaid.suspended) + units(prepaid.lockedOut),
  };
  const status = text(sku.capabilityStatus);
  const stateOfStatus =
    status === 'Warning'
      ? 'Expired'
      : status === 'Suspended' || status === 'LockedOut'
        ? 'Disabled'
        : null;
  if (stateOfStatus && buckets[stateOfStatus] === 0) {
    buckets[stateOfStatus] = buckets.Active;
    buckets.Active = 0;
  }
  return (['Active', 'Expired', 'Disabled'] as const)
    .filter((state) => buckets[state] > 0)
    .map((state) => [state, buckets[state]]);
}

function readSkus(
  items: GraphItem[],
  catalogue: Catalogue,
  subscriptions: GivenSubscription[],
  problems: ImportRemark[],
  notes: ImportRemark[],
  unknownSkus: Map<string, UnknownProduct>,
): Map<string, Sku> {
  const skus = new Map<string, Sku>();
  for (const { value, where } of items) {
    const skuId = isObject(value) ? text(value.skuId)?.toLowerCase() : null;
    if (!isObject(value) || !skuId) {
      problems.push({ where, why: 'not a subscribed SKU: it has no skuId' });
      continue;
    }
    if (skus.has(skuId)) {
      problems.push({ where, why: `SKU ${skuId} appears twice; the first is kept` });
      continue;
    }
    const partNumber = text(value.skuPartNumber) ?? skuId;
    const product = catalogue.productByGuid(skuId) ?? null;
    if (!product) {
      skus.set(skuId, { product, partNumber, subscription: null });
      const prepaid = isObject(value.prepaidUnits) ? value.prepaidUnits : {};
      unknownSkus.set(skuId, {
        skuId,
        name: partNumber,
        purchased: units(prepaid.enabled),
        holders: [],
      });
      notes.push({
        where,
        why: `${partNumber} (${skuId}) is not in Seats' product catalogue: it is kept with its GUID and holders, shown under unknown products, and cannot be bought or assigned here`,
      });
      continue;
    }
    const states = unitsByState(value);
    if (!states.length) {
      skus.set(skuId, { product, partNumber, subscription: null });
      problems.push({ where, why: `${partNumber} has no licenses in any state; it is left out` });
      continue;
    }
    for (const [status, total] of states) {
      subscriptions.push({
        id: subscriptionIdOf(product, status),
        product: product.stringId,
        total,
        status,
      });
    }
    skus.set(skuId, { product, partNumber, subscription: subscriptionIdOf(product, states[0][0]) });
    const consumed = units(value.consumedUnits);
    const usable = states[0][1];
    if (consumed > usable) {
      notes.push({
        where,
        why: `${partNumber}: ${consumed} assigned but ${usable} purchased; taken as it is, Seats will show it as a rule broken`,
      });
    }
  }
  return skus;
}

function disabledPlansOf(
  guids: unknown,
  product: Product,
  where: string,
  notes: ImportRemark[],
): string[] {
  if (!Array.isArray(guids)) return [];
  return guids.flatMap((guid) => {
    const id = text(guid)?.toLowerCase();
    if (!id) return [];
    const plan = product.servicePlans.find((p) => p.id.toLowerCase() === id);
    if (plan) return [plan.name];
    notes.push({
      where,
      why: `service plan ${id} is not one of ${product.stringId}'s in the catalogue; it is kept turned off by its GUID`,
    });
    return [id];
  });
}

function readUsers(
  items: GraphItem[],
  skus: Map<string, Sku>,
  catalogue: Catalogue,
  out: { users: GivenUser[]; assignments: GivenAssignment[] },
  problems: ImportRemark[],
  notes: ImportRemark[],
  unknownSkus: Map<string, UnknownProduct>,
  onProgress: Progress,
): void {
  const seen = new Set<string>();
  items.forEach(({ value, where }, i) => {
    if (i % PROGRESS_EVERY === 0) onProgress(i, items.length);
    const upn = isObject(value) ? text(value.userPrincipalName) : null;
    if (!isObject(value) || !upn) {
      problems.push({ where, why: 'not a user: it has no userPrincipalName' });
      return;
    }
    const id = userIdOf(upn);
    if (seen.has(id)) {
      problems.push({ where, why: `${upn} appears twice; the first is kept` });
      return;
    }
    seen.add(id);
    const usageLocation = usageLocationOf(value.usageLocation);
    if (usageLocation === null && text(value.usageLocation)) {
      notes.push({
        where,
        why: `${upn}: usage location "${String(value.usageLocation)}" is not a country code; left empty`,
      });
    }
    out.users.push({
      id,
      displayName: text(value.displayName) ?? upn,
      usageLocation,
      department: text(value.department),
    });
    if (value.accountEnabled === false) {
      notes.push({
        where,
        why: `${upn}: sign-in is blocked in the tenant; Seats does not keep that, so they are imported as any other user`,
      });
    }
    const licenses = Array.isArray(value.assignedLicenses) ? value.assignedLicenses : [];
    licenses.forEach((license: unknown, j) => {
      const at = `${where}.assignedLicenses[${j}]`;
      const skuId = isObject(license) ? text(license.skuId)?.toLowerCase() : null;
      if (!isObject(license) || !skuId) {
        problems.push({ where: at, why: 'not a license: it has no skuId' });
        return;
      }
      const sku = skus.get(skuId);
      const unknownProduct = unknownSkus.get(skuId);
      if (unknownProduct) {
        unknownProduct.holders.push(id);
        return;
      }
      if (!sku) {
        const known = catalogue.productByGuid(skuId);
        problems.push({
          where: at,
          why: `${upn} holds ${known?.stringId ?? skuId}, which the subscribed SKUs file does not list; this license is left out`,
        });
        return;
      }
      if (!sku.product || !sku.subscription) {
        problems.push({
          where: at,
          why: `${upn} holds ${sku.partNumber}, which has no licenses; left out`,
        });
        return;
      }
      out.assignments.push({
        user: id,
        subscription: sku.subscription,
        disabledPlans: disabledPlansOf(license.disabledPlans, sku.product, at, notes),
      });
    });
  });
  onProgress(items.length, items.length);
}

/**
 * The importTenant payload for the bodies of `GET /subscribedSkus` and `GET /users` (with
 * id, displayName, userPrincipalName, usageLocation, department, assignedLicenses,
 * accountEnabled). Pure and synchronous, so a worker can run it; the same files give the
 * same payload. Throws ImportRefused when a file as a whole cannot be read.
 */
export function importGraph(
  files: { subscribedSkus: ImportFile; users: ImportFile },
  catalogue: Catalogue,
  onProgress: Progress = () => {},
): ImportPreview {
  const { subscribedSkus, users } = files;
  const skuCollection = graphCollection(
    importText(subscribedSkus.content, subscribedSkus.name),
    subscribedSkus.name,
  );
  const userCollection = graphCollection(importText(users.content, users.name), users.name);
  const problems: ImportRemark[] = [];
  const notes: ImportRemark[] = [...skuCollection.notes, ...userCollection.notes];
  const unknownSkus = new Map<string, UnknownProduct>();
  const subscriptions: GivenSubscription[] = [];
  const skus = readSkus(
    skuCollection.items,
    catalogue,
    subscriptions,
    problems,
    notes,
    unknownSkus,
  );
  if (subscriptions.length) {
    notes.push({
      where: subscribedSkus.name,
      why: 'Graph does not say how subscriptions were bought: they are taken as Direct, monthly, at list price; correct them on Your products',
    });
  }
  const out = { users: [] as GivenUser[], assignments: [] as GivenAssignment[] };
  readUsers(userCollection.items, skus, catalogue, out, problems, notes, unknownSkus, onProgress);
  return previewOf(
    { users: out.users, subscriptions, assignments: out.assignments, productKeys: [] },
    problems,
    notes,
    [...unknownSkus.values()],
  );
}
