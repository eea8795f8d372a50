// The readable body of an article page, without the site around it (navigation, cookie banners,
// related links, footers). Mozilla's Readability does the choosing, on linkedom's DOM: both are pure
// JavaScript, so a worker needs no browser; htmlToText then turns the chosen HTML into paragraphs.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from './html-text.ts';

/** Longest article text kept, in characters (UTF-16 units); a longer one is cut at a word boundary. */
export const MAX_ARTICLE_CHARS = 20_000;
// Readability's cost grows steeply with nesting (a chain of 800 nested divs takes ~7 s, 5,000 several
// minutes) and it runs on the event loop, so pages beyond these are refused unread. Real news
// pages stay far below both (a few thousand elements, nesting under 60).
export const MAX_PAGE_ELEMENTS = 25_000;
export const MAX_PAGE_DEPTH = 160;

export type ArticleText = { text: string } | { failure: string };

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Cuts `text` to at most `max` characters, at the last paragraph or word break when one is near,
 * never inside a surrogate pair.
 *
 * @example
 * capText('one two three four', 16) // 'one two three'
 */
export function capText(text: string, max: number = MAX_ARTICLE_CHARS): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  const paragraph = cut.lastIndexOf('\n\n');
  if (paragraph >= max * 0.8) return cut.slice(0, paragraph).trimEnd();
  const space = cut.search(/\s\S*$/);
  return (space >= max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * HTML lets a page omit its <html>, <head> and <body> tags, and browsers imply them; linkedom does
 * not (without <html> the first element becomes the root, without <body> the content lies outside
 * document.body), and Readability needs both.
 */
function withRootAndBody(html: string): string {
  const hasBody = /<body[\s>]/i.test(html);
  if (hasBody && /<html[\s>]/i.test(html)) return html;
  const inner = html.replace(/^\s*<!doctype[^>]*>/i, '').replace(/<\/?html\b[^>]*>/gi, '');
  if (hasBody) return `<!doctype html><html>${inner}</html>`;
  return `<!doctype html><html><head></head><body>${inner.replace(/<\/?head\b[^>]*>/gi, '')}</body></html>`;
}

/**
 * The main text of an HTML page (paragraphs separated by blank lines, at most
 * {@link MAX_ARTICLE_CHARS}), or why there is none: no readable article, or a page too large or
 * too deeply nested to read safely (see {@link MAX_PAGE_ELEMENTS}). Leading paragraphs
 * that only repeat `title` or the byline are dropped, since the item's text starts with the title.
 *
 * @example
 * extractArticleText('<html><body><nav>Menu</nav><article><p>First paragraph …</p><p>Second …</p></article></body></html>', 'A title')
 * // { text: 'First paragraph …\n\nSecond …' }
 */
export function extractArticleText(html: string, title = ''): ArticleText {
  let article: { content?: string | null; byline?: string | null } | null;
  try {
    // linkedom's Document is not lib.dom's Document type, though it is what Readability walks.
    const document = parseHTML(withRootAndBody(html)).document as unknown as Document;
    const tooComplex = complexityFailure(document);
    if (tooComplex) return { failure: tooComplex };
    article = new Readability(document).parse();
  } catch (error) {
    return { failure: `the page could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!article?.content) return NO_TEXT;
  const paragraphs = htmlToText(article.content).split('\n\n');
  // Readability usually drops the headline and byline, but not on every page (short ones are re-read with looser rules).
  const repeats = new Set([title, article.byline ?? ''].map(normalise).filter((s) => s !== ''));
  while (paragraphs.length > 1 && repeats.has(normalise(paragraphs[0] ?? ''))) paragraphs.shift();
  const text = paragraphs.join('\n\n').trim();
  return text === '' ? NO_TEXT : { text: capText(text) };
}

const NO_TEXT = { failure: 'no article text found on the page' };

function complexityFailure(document: Document): string | null {
  const elements = document.querySelectorAll('*');
  if (elements.length > MAX_PAGE_ELEMENTS) return `the page has more than ${MAX_PAGE_ELEMENTS} elements`;
  // Document order puts each parent before its children, so one pass gives every depth.
  const depths = new Map<Node, number>();
  for (const element of elements) {
    const depth = (element.parentNode ? (depths.get(element.parentNode) ?? 0) : 0) + 1;
    if (depth > MAX_PAGE_DEPTH) return `the page nests elements more than ${MAX_PAGE_DEPTH} deep`;
    depths.set(element, depth);
  }
  return null;
}
