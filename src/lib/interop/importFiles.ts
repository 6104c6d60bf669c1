import type { Catalogue } from '../domain/catalogue/catalogue';
import { importAdminCenterCsv } from './adminCenterCsv';
import { importGraph, type ImportFile } from './graphImport';
import { ImportRefused, type ImportPreview, type Progress } from './importPreview';
import { importText } from './importText';

const WHICH =
  'import the admin center Active users export (one CSV file), or the Graph subscribedSkus and users responses (two JSON files) together';

const isJson = (text: string) => /^\s*[[{]/.test(text);

/** Which Graph response a body is: a subscribed SKU has a part number, a user a UPN. */
function graphKind(text: string): 'subscribedSkus' | 'users' | null {
  const sku = /"skuPartNumber"\s*:|"prepaidUnits"\s*:|#subscribedSkus/.test(text);
  const user = /"userPrincipalName"\s*:|#users/.test(text);
  if (sku === user) return null;
  return sku ? 'subscribedSkus' : 'users';
}

/**
 * What the person picked, read as whichever export it is: one admin center CSV, or the two
 * Graph JSON bodies in either order. Throws ImportRefused when the files are not one of those.
 */
export function importFiles(
  files: ImportFile[],
  catalogue: Catalogue,
  onProgress?: Progress,
): ImportPreview {
  const texts = files.map((file) => ({
    name: file.name,
    content: importText(file.content, file.name),
  }));
  const names = files.map((f) => f.name).join(', ');
  const json = texts.filter((file) => isJson(file.content));
  if (texts.length === 1 && json.length === 0) {
    return importAdminCenterCsv(texts[0], catalogue, onProgress);
  }
  if (texts.length !== 2 || json.length !== 2) {
    throw new ImportRefused(names, 'WHICH_FILES', `cannot be imported together: ${WHICH}`);
  }
  const [a, b] = json;
  const kindA = graphKind(a.content);
  const kindB = graphKind(b.content);
  if (!kindA || !kindB || kindA === kindB) {
    throw new ImportRefused(
      names,
      'WHICH_FILES',
      `are not one subscribedSkus and one users response from Graph: ${WHICH}`,
    );
  }
  const [subscribedSkus, users] = kindA === 'subscribedSkus' ? [a, b] : [b, a];
  return importGraph({ subscribedSkus, users }, catalogue, onProgress);
}
