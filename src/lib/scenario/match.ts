/** Partial matching of SCENARIOS.md: named keys must match, lists element by element. */
export function mismatch(expected: unknown, actual: unknown, path = ''): string | null {
  const where = path || 'the result';
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${where}: expected a list, got ${show(actual)}`;
    if (expected.length !== actual.length) {
      return `${where}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return `${where}: expected an object like ${show(expected)}, got ${show(actual)}`;
    }
    for (const [key, value] of Object.entries(expected)) {
      const found = mismatch(
        value,
        (actual as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (found) return found;
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `${where}: expected ${show(expected)}, got ${show(actual)}`;
}

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
