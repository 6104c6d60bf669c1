import { createCatalogue } from './create';
import { parseCatalogueData } from './parse';
import type { Catalogue } from './types';

export type { Catalogue, Product, ServicePlan } from './types';
export { parseCatalogueData } from './parse';
// Its own module, so a worker handed the products can index them without a copy of the data.
export { createCatalogue } from './create';

let loading: Promise<Catalogue> | undefined;

/**
 * The full catalogue. products.json is imported lazily so the bundler puts it in its own chunk
 * and it never delays the first screen; the result is shared by every caller.
 */
export function loadCatalogue(): Promise<Catalogue> {
  loading ??= import('./products.json')
    .then((module: { default: unknown }) => createCatalogue(parseCatalogueData(module.default)))
    .catch((error: unknown) => {
      // A failed chunk load (e.g. offline) must not poison every later attempt.
      loading = undefined;
      throw error;
    });
  return loading;
}
