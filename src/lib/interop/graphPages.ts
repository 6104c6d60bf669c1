import { ImportRefused, type ImportRemark } from './importPreview';

/** One entry of a Graph collection, with where it stands in the file. */
export interface GraphItem {
  value: unknown;
  where: string;
}

export interface GraphCollection {
  items: GraphItem[];
  notes: ImportRemark[];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Where each top-level JSON value of `text` starts and ends: saved pages are often just appended. */
function topLevelValues(text: string, file: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) spans.push({ start, end: i + 1 });
    } else if (depth === 0 && !/\s/.test(c)) {
      throw new ImportRefused(
        file,
        'BROKEN_JSON',
        `broken JSON at line ${lineAt(text, i)}: unexpected "${c}"`,
      );
    }
  }
  if (depth !== 0 || inString) {
    throw new ImportRefused(
      file,
      'CUT_SHORT',
      `broken JSON: the file ends inside a value (is it cut short?)`,
    );
  }
  return spans;
}

function parseSpan(text: string, span: { start: number; end: number }, file: string): unknown {
  const json = text.slice(span.start, span.end);
  try {
    return JSON.parse(json);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = lineAt(text, span.start + (position ? Number(position) : 0));
    throw new ImportRefused(
      file,
      'BROKEN_JSON',
      `broken JSON at line ${line}: ${(error as Error).message}`,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isPage = (v: unknown): v is { value: unknown[] } => isObject(v) && Array.isArray(v.value);

/**
 * The entries of a Graph collection saved as one response body, an array of pages, pages written
 * one after another, or the bare `value` array.
 */
export function graphCollection(text: string, file: string): GraphCollection {
  const values = topLevelValues(text, file).map((span) => parseSpan(text, span, file));
  if (values.length === 0) throw new ImportRefused(file, 'EMPTY', 'is empty: no JSON found');
  const pages: unknown[] =
    values.length === 1 && Array.isArray(values[0]) && values[0].every(isPage) ? values[0] : values;
  const items: GraphItem[] = [];
  const notes: ImportRemark[] = [];
  pages.forEach((page, p) => {
    const where = pages.length > 1 ? `${file} page ${p + 1}` : file;
    if (Array.isArray(page)) {
      page.forEach((value, i) => items.push({ value, where: `${where} value[${i}]` }));
      return;
    }
    if (!isPage(page)) {
      throw new ImportRefused(
        file,
        'NOT_GRAPH',
        `${where} is not a Graph response: it has no "value" list`,
      );
    }
    page.value.forEach((value, i) => items.push({ value, where: `${where} value[${i}]` }));
  });
  const last = pages[pages.length - 1];
  if (isObject(last) && typeof last['@odata.nextLink'] === 'string') {
    notes.push({
      where: file,
      why: 'the last page links to a next page that is not in the file: some entries may be missing',
    });
  }
  return { items, notes };
}
