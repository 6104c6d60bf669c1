import { ImportRefused } from './importPreview';

/** Larger files are refused before parsing: a tenant of 10,000 people exports to a few MB. */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

const TOO_BIG = `is larger than 30 MB; export fewer users or split the file`;

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * A file's text. Bytes are decoded as UTF-8, or as UTF-16 when they start with its byte order
 * mark (Excel's "Unicode text"); a leading BOM is dropped. A string that carries NUL characters
 * is UTF-16 already decoded the wrong way, and is refused: its text cannot be trusted.
 */
export function importText(input: string | Uint8Array, file: string): string {
  if (typeof input === 'string') {
    // A JavaScript string holds at most 3 UTF-8 bytes per UTF-16 unit; counting units is enough.
    if (input.length > MAX_IMPORT_BYTES) throw new ImportRefused(file, 'TOO_BIG', TOO_BIG);
    if (input.slice(0, 1000).includes('\u0000')) {
      throw new ImportRefused(
        file,
        'UTF16_READ_AS_UTF8',
        'looks like UTF-16 text read as UTF-8 (it has NUL characters); give the file itself, or save it as CSV UTF-8',
      );
    }
    return input.replace(/^\uFEFF/, '');
  }
  if (input.byteLength > MAX_IMPORT_BYTES) throw new ImportRefused(file, 'TOO_BIG', TOO_BIG);
  if (startsWith(input, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (startsWith(input, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(input.subarray(2));
  if (input.subarray(0, 1000).includes(0)) {
    throw new ImportRefused(
      file,
      'UTF16_WITHOUT_BOM',
      'looks like UTF-16 without a byte order mark; save it as CSV UTF-8 and import it again',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    throw new ImportRefused(
      file,
      'NOT_UTF8',
      'is not UTF-8 text; save it as CSV UTF-8 and import it again',
    );
  }
}
