import type { ImportRefusalCode } from '$lib/interop/importPreview';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Say = (inputs: { file: string }, options: { locale: Locale }) => string;

const WORDING: Record<ImportRefusalCode, Say> = {
  TOO_BIG: m.import_refused_too_big,
  UTF16_READ_AS_UTF8: m.import_refused_utf16_read_as_utf8,
  UTF16_WITHOUT_BOM: m.import_refused_utf16_without_bom,
  NOT_UTF8: m.import_refused_not_utf8,
  BROKEN_JSON: m.import_refused_broken_json,
  CUT_SHORT: m.import_refused_cut_short,
  EMPTY: m.import_refused_empty,
  NOT_GRAPH: m.import_refused_not_graph,
  NOT_ACTIVE_USERS: m.import_refused_not_active_users,
  WHICH_FILES: m.import_refused_which_files,
};

export interface RefusedImport {
  file: string;
  code: ImportRefusalCode;
  why: string;
}

/**
 * Why the files cannot be imported, in the person's language, and the reader's specifics (the
 * line of broken JSON, the missing columns) in English beside it: they name what to look for.
 */
export function refusedImportText(
  refused: RefusedImport,
  locale: Locale,
): { message: string; detail: string } {
  return {
    message: WORDING[refused.code]({ file: refused.file }, { locale }),
    detail: `${refused.file}: ${refused.why}`,
  };
}
