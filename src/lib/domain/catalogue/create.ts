import { search, searchEntry } from './search';
import type { Catalogue, Product } from './types';

const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Indexes products for lookup. A String_Id can name more than one product (MCOPSTN5 names two
 * GUIDs in Microsoft's table); `product(stringId)` returns the first in catalogue order, so use
 * `productByGuid` when the GUID is known. GUID lookup ignores case.
 */
export function createCatalogue(products: readonly Product[]): Catalogue {
  const byStringId = new Map<string, Product>();
  const byGuid = new Map<string, Product>();
  for (const product of products) {
    if (!byStringId.has(product.stringId)) byStringId.set(product.stringId, product);
    const guid = product.guid.toLowerCase();
    if (!byGuid.has(guid)) byGuid.set(guid, product);
  }
  const entries = products.map(searchEntry);
  return {
    products,
    product: (stringId) => byStringId.get(stringId),
    productByGuid: (guid) => byGuid.get(guid.trim().toLowerCase()),
    search: (text, limit = DEFAULT_SEARCH_LIMIT) => search(entries, text, limit),
  };
}
