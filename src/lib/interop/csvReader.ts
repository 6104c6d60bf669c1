/** One CSV record and the line it starts on (1 is the first line of the text). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface CsvText {
  records: CsvRecord[];
  problems: { line: number; why: string }[];
}

/**
 * RFC 4180: comma-separated fields, records ending in CRLF (a bare LF too), fields in double
 * quotes may hold commas, line breaks and doubled quotes. Blank lines are skipped. A record that
 * breaks the format is reported with its line and left out; the rest is still read.
 */
export function readCsv(text: string): CsvText {
  const records: CsvRecord[] = [];
  const problems: CsvText['problems'] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let broken: string | null = null;
    let field = '';
    let atRecordEnd = false;
    while (!atRecordEnd) {
      field = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) {
          problems.push({
            line: start,
            why: 'a quoted field is never closed; the rest of the file is left out',
          });
          return { records, problems };
        }
        if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          broken ??= 'text follows a closing quote; a quote inside a field must be doubled';
          while (i < n && text[i] !== ',' && text[i] !== '\n') i++;
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      atRecordEnd = true;
    }
    if (broken) problems.push({ line: start, why: broken });
    else if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: start });
  }
  return { records, problems };
}
