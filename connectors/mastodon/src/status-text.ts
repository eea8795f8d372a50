// Mastodon serves a status `content` as sanitised HTML (p, br, a, span). Listening analyses words,
// so this keeps paragraphs and line breaks, drops tags, and decodes the entities Mastodon emits.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–' };

function decodeEntity(match: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    // An invalid or surrogate code point would throw in fromCodePoint; keep the text as written.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : match;
  }
  return NAMED[body] ?? match;
}

/**
 * Plain text of a status' HTML content.
 *
 * @example
 * statusHtmlToText('<p>Hello &amp; <a href="#">#welcome</a></p><p>Line<br />two</p>') // 'Hello & #welcome\n\nLine\ntwo'
 */
export function statusHtmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|blockquote|li|pre|h[1-6])\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return marked
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
        .join('\n')
        .trim(),
    )
    .filter((para) => para !== '')
    .join('\n\n');
}
