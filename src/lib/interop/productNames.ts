import type { Catalogue, Product } from '../domain/catalogue/catalogue';

const indexes = new WeakMap<Catalogue, Map<string, Product>>();

const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Display names (the admin center's wording) and String_Ids, the first product of each. */
function index(catalogue: Catalogue): Map<string, Product> {
  let names = indexes.get(catalogue);
  if (!names) {
    names = new Map();
    for (const product of catalogue.products) {
      if (!names.has(key(product.displayName))) names.set(key(product.displayName), product);
    }
    for (const product of catalogue.products) {
      if (!names.has(key(product.stringId))) names.set(key(product.stringId), product);
    }
    indexes.set(catalogue, names);
  }
  return names;
}

/**
 * The products of an admin center `Licenses` cell: names joined by `+`. Some names hold a `+`
 * themselves ("Enterprise Mobility + Security E3"), so the longest run of parts that names a
 * product wins. Parts that name nothing come back as they are.
 */
export function productsNamed(
  cell: string,
  catalogue: Catalogue,
): { products: Product[]; unknown: string[] } {
  const names = index(catalogue);
  const parts = cell.split('+');
  const products: Product[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let found: { product: Product; next: number } | null = null;
    for (let j = parts.length; j > i && !found; j--) {
      const product = names.get(key(parts.slice(i, j).join('+')));
      if (product) found = { product, next: j };
    }
    if (found) {
      if (!products.includes(found.product)) products.push(found.product);
      i = found.next;
    } else {
      if (parts[i].trim()) unknown.push(parts[i].trim());
      i++;
    }
  }
  return { products, unknown };
}
