import { describe, expect, it } from 'vitest';
import { combineSuggestions, suggestionWords } from './suggestions.ts';

describe('did you mean', () => {
  it('takes one or two words, without search syntax', () => {
    expect(suggestionWords('  patroll ')).toEqual(['patroll']);
    expect(suggestionWords('"kemlu" -hoaks')).toEqual(['kemlu', 'hoaks']);
    expect(suggestionWords('#LautKita')).toEqual(['LautKita']);
    expect(suggestionWords('one two three')).toBeNull();
    expect(suggestionWords('  ')).toBeNull();
  });

  it('replaces unknown words by close terms and keeps known ones', () => {
    expect(
      combineSuggestions('natuna patroll', [
        { word: 'natuna', known: true, similar: ['natunas'] },
        { word: 'patroll', known: false, similar: ['patroli', 'patrol'] },
      ]),
    ).toEqual(['natuna patroli', 'natuna patrol']);
    expect(combineSuggestions('xyzzy', [{ word: 'xyzzy', known: false, similar: [] }])).toEqual([]);
  });

  it('offers at most five, best first', () => {
    const similar = ['a1', 'a2', 'a3'];
    const out = combineSuggestions('aa bb', [
      { word: 'aa', known: false, similar },
      { word: 'bb', known: false, similar: ['b1', 'b2', 'b3'] },
    ]);
    expect(out).toHaveLength(5);
    expect(out[0]).toBe('a1 b1');
  });
});
