/** KEY-1: 25 letters or digits, shown as five groups of five. */
export const PRODUCT_KEY_LENGTH = 25;

/** Upper-case and without separators, or null when it can't be a product key. */
export function normaliseProductKey(input: string): string | null {
  const key = input.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{25}$/.test(key) ? key : null;
}

export function formatProductKey(key: string): string {
  return key.match(/.{1,5}/g)?.join('-') ?? key;
}
