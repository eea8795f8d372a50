// Feed summaries are HTML (escaped or in CDATA). Listening analyses words, not markup, so the
// text keeps paragraph breaks and drops everything a reader would not see.
import { decodeEntities } from './entities.ts';

const HIDDEN_BLOCKS = /<(script|style|noscript|template|iframe|object|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BREAKS = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|figcaption|hr)\b[^>]*>/gi;

/**
 * Plain text of an HTML fragment: scripts and styles removed, tags stripped, entities decoded,
 * whitespace collapsed (paragraphs kept as blank lines).
 *
 * @example
 * htmlToText('<p>Caf&eacute;</p><script>x()</script><p>open</p>') // 'Café\n\nopen'
 */
export function htmlToText(html: string): string {
  const withoutHidden = html.replace(/<!--[\s\S]*?-->/g, '').replace(HIDDEN_BLOCKS, ' ');
  // A script left open (truncated summary) would otherwise leak its code into the text.
  const cut = withoutHidden.search(/<(script|style)\b/i);
  const visible = cut === -1 ? withoutHidden : withoutHidden.slice(0, cut);
  const marked = visible.replace(BREAKS, '\n\n').replace(/<[^>]*>/g, '');
  const decoded = decodeEntities(marked, () => {});
  return decoded
    .replace(/\u00a0/g, ' ')
    // A soft hyphen is invisible unless a line breaks there; left in, it splits words for analysis.
    .replace(/\u00ad/g, '')
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s+/g, ' ').trim())
    .filter((para) => para !== '')
    .join('\n\n');
}
