/** "Did you mean" is offered for short queries only: one or two words, as people type names and tags. */
const maxWords = 2;

/** The words of a query that found nothing, without search syntax (quotes, a leading minus, `or`); null when not one or two words. */
export function suggestionWords(q: string): string[] | null {
  const words = q
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[-#@]+/, '').trim())
    .filter((w) => w.length > 0 && w.toLowerCase() !== 'or');
  return words.length > 0 && words.length <= maxWords ? words : null;
}

/**
 * Queries to offer instead: each unknown word replaced by a close term (a known word kept), best
 * combinations first, never the query itself.
 *
 * @example combineSuggestions('natuna patroll', [{ word: 'natuna', known: true, similar: [] }, { word: 'patroll', known: false, similar: ['patroli'] }]) // ['natuna patroli']
 */
export function combineSuggestions(q: string, perWord: { word: string; known: boolean; similar: string[] }[], limit = 5): string[] {
  const options = perWord.map((w) => (w.known || w.similar.length === 0 ? [w.word.toLowerCase()] : w.similar));
  let combos: string[][] = [[]];
  for (const choices of options) combos = combos.flatMap((prefix) => choices.map((c) => [...prefix, c]));
  // Earlier choices are closer matches; sum of ranks orders combinations from best to worst.
  const rank = (combo: string[]) => combo.reduce((sum, term, i) => sum + (options[i]?.indexOf(term) ?? 0), 0);
  const original = q.trim().toLowerCase().replace(/\s+/g, ' ');
  const seen = new Set<string>();
  return combos
    .sort((a, b) => rank(a) - rank(b))
    .map((combo) => combo.join(' '))
    .filter((s) => s !== original && !seen.has(s) && seen.add(s))
    .slice(0, limit);
}
