// Atom text and content constructs, as plain text. Atom 1.0 (RFC 4287 §3.1, §4.1.3) names the
// form by `type`: text, html, xhtml, or a media type — inline XML for XML types, escaped text
// for text/*, base64 for anything else. Atom 0.3 (still served by old blog engines) gives a
// media type in `type` and the form in `mode`: xml (the default), escaped or base64.
import { htmlToText } from './html-text.ts';
import { serializeChildren, textContent, type XmlElement } from './xml-tolerant.ts';

type Markup = 'html' | 'xhtml' | 'xml' | 'text' | 'other';

function markupOf(type: string): Markup {
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml';
  if (type === 'text' || type.startsWith('text/')) return 'text';
  if (type.endsWith('+xml') || type.endsWith('/xml')) return 'xml';
  return 'other';
}

function plain(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function hasElementChildren(el: XmlElement): boolean {
  return el.children.some((c) => typeof c !== 'string');
}

// Text formats that are not text/* but that a reader can still read as words.
const TEXTUAL_APPLICATION = /^application\/(?:json|javascript|ecmascript|x-javascript|x-sh|x-tex|rtf)$|[+/]json$/;
// Binary for certain: never sniffed for text, so an image's bytes do not become "words".
const BINARY = /^(?:image|audio|video|font|model)\//;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The decoded base64 payload as text, '' when it is not text, null when it is not base64 at all. */
function textFromBase64(raw: string, markup: Markup, type: string): string | null {
  const compact = raw.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return null;
  if (BINARY.test(type)) return '';
  let decoded: string;
  try {
    decoded = UTF8.decode(Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64'));
  } catch {
    return '';
  }
  const isDeclaredText = markup !== 'other' || TEXTUAL_APPLICATION.test(type);
  // An octet stream that decodes to clean UTF-8 is text in practice; control bytes mean a binary file.
  if (!isDeclaredText && /(?![\t\n\r])\p{Cc}/u.test(decoded)) return '';
  return markup === 'html' || markup === 'xhtml' ? htmlToText(decoded) : plain(decoded);
}

/**
 * Plain text of an Atom 1.0 or 0.3 text construct (`title`, `summary`) or `content` element;
 * '' for binary content. Undecodable base64 is kept as text and reported in `problems`.
 *
 * @example
 * atomText(parseXmlTolerant('<title type="html">A &amp;amp; &lt;b&gt;B&lt;/b&gt;</title>').root ?? undefined, []) // 'A & B'
 */
export function atomText(el: XmlElement | undefined, problems: string[]): string {
  if (!el) return '';
  const type = (el.attrs.type ?? 'text').split(';')[0]?.trim().toLowerCase() ?? 'text';
  const mode = el.attrs.mode?.trim().toLowerCase();
  const markup = markupOf(type);
  // Atom 0.3 multipart/alternative holds the same content in several <content> parts; take the first with text.
  if (type.startsWith('multipart/')) {
    for (const part of el.children) {
      if (typeof part === 'string' || part.local !== 'content') continue;
      const value = atomText(part, problems);
      if (value !== '') return value;
    }
    return '';
  }
  // Out-of-line content (`src`) carries no text in the feed itself.
  if (el.attrs.src !== undefined && !hasElementChildren(el) && textContent(el).trim() === '') return '';
  if (mode === 'base64' || (mode === undefined && markup === 'other')) {
    const raw = textContent(el);
    const decoded = textFromBase64(raw, markup, type);
    if (decoded !== null) return decoded;
    problems.push(`content of type ${type} is not base64; kept as text`);
    return plain(raw);
  }
  if (markup === 'text') return plain(textContent(el));
  // Markup written inline (xhtml, Atom 0.3 mode="xml") is serialised back; escaped markup already is text.
  const inline = mode === 'escaped' ? false : markup === 'xhtml' || markup === 'xml' || mode === 'xml' || hasElementChildren(el);
  const markupText = inline ? serializeChildren(el) : textContent(el);
  return markup === 'html' || markup === 'xhtml' ? htmlToText(markupText) : plain(htmlToText(markupText));
}
