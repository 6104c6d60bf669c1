import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { productsNamed } from './productNames';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe('productsNamed', () => {
  it('splits on + but keeps names that hold a + whole', () => {
    const { products, unknown } = productsNamed(
      'Microsoft 365 E3+Enterprise Mobility + Security E3+Office 365 E3',
      catalogue,
    );
    expect(products.map((p) => p.stringId)).toEqual(['SPE_E3', 'EMS', 'ENTERPRISEPACK']);
    expect(unknown).toEqual([]);
  });

  it('ignores case and spacing, takes String_Ids, and returns names it does not know', () => {
    const { products, unknown } = productsNamed(
      'office 365  e3+FLOW_FREE+Contoso Magic',
      catalogue,
    );
    expect(products.map((p) => p.stringId)).toEqual(['ENTERPRISEPACK', 'FLOW_FREE']);
    expect(unknown).toEqual(['Contoso Magic']);
  });
});
