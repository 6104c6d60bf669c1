import { describe, expect, it } from 'vitest';
import { readCsv } from './csvReader';

describe('readCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and LF', () => {
    const { records, problems } = readCsv('a,"b, c","say ""hi"""\r\n"two\r\nlines",x,\ny,z,w');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b, c', 'say "hi"'], line: 1 },
      { fields: ['two\r\nlines', 'x', ''], line: 2 },
      { fields: ['y', 'z', 'w'], line: 4 },
    ]);
  });

  it('skips blank lines and reports a record with text after a closing quote, then goes on', () => {
    const { records, problems } = readCsv('a,b\r\n\r\n"x"y,z\r\nc,d\r\n');
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 4 },
    ]);
    expect(problems).toEqual([
      { line: 3, why: expect.stringContaining('closing quote') as string },
    ]);
  });

  it('reports a quote that is never closed with the line it opened on', () => {
    const { records, problems } = readCsv('a,b\n"open,c\nd,e\n');
    expect(records).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    expect(problems).toEqual([{ line: 2, why: expect.stringContaining('never closed') as string }]);
  });
});
