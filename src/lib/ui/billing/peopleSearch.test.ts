import { describe, expect, it } from 'vitest';
import { foldName, matchPeople, type Person } from './peopleSearch';

const people: Person[] = [
  { id: 'asa', displayName: 'Åsa Lindqvist', detail: null },
  { id: 'soren', displayName: 'Søren Østergaard', detail: null },
  { id: 'ingrid', displayName: 'Ingrid Berg', detail: 'Sales' },
  { id: 'emil', displayName: 'Emil Lund', detail: null },
];

describe('matchPeople', () => {
  it('ignores case and accents', () => {
    expect(foldName('  ÅSA ')).toBe('asa');
    expect(matchPeople(people, 'asa', [], 5).map((p) => p.id)).toEqual(['asa']);
  });

  it('finds the text anywhere in the name', () => {
    expect(matchPeople(people, 'lund', [], 5).map((p) => p.id)).toEqual(['emil']);
  });

  it('leaves out people already chosen', () => {
    expect(matchPeople(people, 'i', ['ingrid'], 5).map((p) => p.id)).toEqual(['asa', 'emil']);
  });

  it('finds nobody for blank text, and stops at the limit', () => {
    expect(matchPeople(people, '   ', [], 5)).toEqual([]);
    expect(matchPeople(people, 'e', [], 2)).toHaveLength(2);
  });
});
