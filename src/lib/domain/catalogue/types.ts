export interface ServicePlan {
  name: string;
  id: string;
  friendlyName: string;
}

export interface Product {
  stringId: string;
  guid: string;
  displayName: string;
  servicePlans: readonly ServicePlan[];
  /** US list price in cents per user per month; null until one is entered. */
  listPrice: number | null;
  selfService: boolean;
  /** Licence cap per subscription; null means no cap. */
  maxLicenses: number | null;
  endOfSale: boolean;
}

export interface Catalogue {
  readonly products: readonly Product[];
  product(stringId: string): Product | undefined;
  productByGuid(guid: string): Product | undefined;
  search(text: string, limit?: number): Product[];
}
