// Character references for feeds and the HTML inside them. XML defines only five named entities,
// but real feeds use HTML ones (&nbsp;, &rsquo;, &frac12;) undeclared, so the tolerant parser
// accepts every HTML named reference rather than dropping the text.
import { HTML_ENTITIES } from './html-entities.generated.ts';

/** Named entities accepted in feed XML and in the HTML it carries: the full HTML set (a superset of XML's five). */
export const NAMED_ENTITIES: Readonly<Record<string, string>> = HTML_ENTITIES;

// A Map, not the object: "&constructor;" must not find Object.prototype's members.
const BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(HTML_ENTITIES));

/** The character of a numeric reference body (`#233`, `#xE9`), or null when it is not a valid XML character. */
export function numericReference(body: string): string | null {
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return valid ? String.fromCodePoint(code) : null;
}

/**
 * Replaces character references in `text`; an unknown or broken one is kept literally and passed to `onProblem`.
 *
 * @example
 * decodeEntities('caf&eacute; &amp; &#8217;', () => {}) // 'café & ’'
 */
export function decodeEntities(text: string, onProblem: (message: string) => void): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s<]{0,32});?/g, (whole, body: string) => {
    const terminated = whole.endsWith(';');
    if (!terminated || body === '') {
      onProblem(`bare "&" not starting a character reference near "${whole.slice(0, 12)}"`);
      return whole;
    }
    if (body.startsWith('#')) {
      const char = numericReference(body);
      if (char !== null) return char;
      onProblem(`invalid numeric character reference "&${body};"`);
      return whole;
    }
    const named = BY_NAME.get(body);
    if (named !== undefined) return named;
    onProblem(`unknown entity "&${body};"`);
    return whole;
  });
}
