// Maps a parsed feed tree (RSS 2.0, RSS 1.0/0.90 RDF, Atom 1.0/0.3) to neutral entries. Each format is
// read loosely: elements are matched by local name within the namespaces that format uses, so a
// feed that forgets its namespace declaration still yields its items.
import { createHash } from 'node:crypto';
import { atomText } from './atom-text.ts';
import { parseFeedDate } from './dates.ts';
import { htmlToText } from './html-text.ts';
import { childElements, firstChild, NS, parseXmlTolerant, textContent, type XmlElement } from './xml-tolerant.ts';

export type FeedFormat = 'rss2' | 'rss1' | 'atom' | 'unknown';

export interface FeedAuthor {
  name: string;
  email?: string;
  url?: string;
}

export interface FeedEntry {
  /** guid / id, else the link, else `sha256:` of title + date. */
  id: string;
  url?: string;
  title: string;
  /** Summary (or content when there is no summary) as plain text. */
  summary: string;
  author?: FeedAuthor;
  /** Epoch ms, or null when the feed gives no readable date. */
  publishedAt: number | null;
  language?: string;
  categories: string[];
  media: { url: string; type?: string }[];
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  link?: string;
  language?: string;
  entries: FeedEntry[];
  problems: string[];
}

const RSS2 = [''];
// RSS 0.90 is RSS 1.0's ancestor with the same RDF shape in Netscape's namespace.
const RSS1 = [NS.rss1, NS.rss090, ''];
const ATOM = [NS.atom];
const ATOM03 = [NS.atom03];
const DC = [NS.dc];
const DCTERMS = [NS.dcterms];
const MEDIA = [NS.media];

/**
 * Parses feed text; never throws — unreadable parts are left out and described in `problems`.
 *
 * @example
 * parseFeed('<rss><channel><item><title>Hi</title><guid>1</guid></item></channel></rss>', 'https://x.test/feed').entries[0]?.id // '1'
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  const { root, problems } = parseXmlTolerant(text, { baseUrl: feedUrl });
  const empty: ParsedFeed = { format: 'unknown', title: '', entries: [], problems };
  if (!root) return empty;
  if (root.local === 'feed' && root.ns === NS.atom) return { ...readAtom(root, problems), problems };
  if (root.local === 'feed' && root.ns === NS.atom03) return { ...readAtom(root, problems, ATOM03), problems };
  if (root.local === 'RDF') return { ...readRss1(root, problems), problems };
  if (root.local === 'rss') return { ...readRss2(root, problems), problems };
  // An Atom feed without xmlns, or a bare <channel>: read by shape rather than give up.
  if (root.local === 'feed') {
    problems.push('<feed> without the Atom namespace; read as Atom');
    return { ...readAtom(root, problems, ['', NS.atom]), problems };
  }
  if (root.local === 'channel') return { ...readRss2({ ...root, children: [root] }, problems), problems };
  problems.push(`root element <${root.name}> is not a known feed format`);
  return empty;
}

type FeedBody = Omit<ParsedFeed, 'problems'>;

function text(el: XmlElement | undefined): string {
  return el ? textContent(el).trim() : '';
}

function resolveUrl(value: string, base: string | undefined, problems: string[]): string | undefined {
  if (value === '') return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    problems.push(`unreadable link "${value.slice(0, 80)}"`);
    return undefined;
  }
}

function readDate(values: (XmlElement | undefined)[], problems: string[]): number | null {
  for (const el of values) {
    const value = text(el);
    if (value === '') continue;
    const ms = parseFeedDate(value);
    if (ms !== null) return ms;
    problems.push(`unreadable date "${value.slice(0, 60)}"`);
  }
  return null;
}

// Publication first (RSS pubDate / Atom published, Atom 0.3 issued, Dublin Core), then creation,
// then last modification: an edit must not make an old item look new.
function entryDate(item: XmlElement, own: { published?: XmlElement[]; created?: XmlElement[]; updated?: XmlElement[] }, problems: string[]): number | null {
  const candidates = [
    ...(own.published ?? []),
    firstChild(item, 'issued', DCTERMS),
    firstChild(item, 'date', DC),
    ...(own.created ?? []),
    firstChild(item, 'created', DCTERMS),
    ...(own.updated ?? []),
    firstChild(item, 'modified', DCTERMS),
  ];
  return readDate(candidates, problems);
}

// A missing <title> is common in Dublin Core and Media RSS feeds (video sites put it in media:title,
// sometimes inside media:group or media:content).
function fallbackTitle(item: XmlElement): string {
  const dcTitle = text(firstChild(item, 'title', DC));
  if (dcTitle !== '') return htmlToText(dcTitle);
  const holders = [item, ...childElements(item, 'group', NS.media), ...childElements(item, 'content', NS.media)];
  for (const holder of holders) {
    const media = firstChild(holder, 'title', MEDIA);
    const value = text(media);
    if (value === '') continue;
    // Media RSS: type="plain" (the default) or "html".
    return media?.attrs.type === 'html' ? htmlToText(value) : value.replace(/\s+/g, ' ');
  }
  return '';
}

function fallbackId(title: string, publishedAt: number | null, summary: string): string {
  const hash = createHash('sha256').update(`${title}\u0000${publishedAt ?? ''}\u0000${title === '' ? summary : ''}`).digest('hex');
  return `sha256:${hash.slice(0, 32)}`;
}

function mediaOf(item: XmlElement, base: string | undefined, problems: string[]): { url: string; type?: string }[] {
  const found: { url: string; type?: string }[] = [];
  const add = (el: XmlElement) => {
    const url = resolveUrl(el.attrs.url ?? '', base, problems);
    if (url && !found.some((m) => m.url === url)) found.push(el.attrs.type ? { url, type: el.attrs.type } : { url });
  };
  for (const el of childElements(item, 'enclosure')) add(el);
  for (const el of childElements(item, 'content', NS.media)) add(el);
  for (const group of childElements(item, 'group', NS.media)) for (const el of childElements(group, 'content', NS.media)) add(el);
  for (const el of childElements(item, 'thumbnail', NS.media)) add(el);
  return found;
}

function finishEntry(parts: Omit<FeedEntry, 'id'> & { rawId: string }): FeedEntry {
  const { rawId, ...rest } = parts;
  return { id: rawId !== '' ? rawId : (rest.url ?? fallbackId(rest.title, rest.publishedAt, rest.summary)), ...rest };
}

// RSS 2.0 `<author>` is "email (Name)"; `dc:creator` is a name.
function rssAuthor(item: XmlElement): FeedAuthor | undefined {
  const creator = text(firstChild(item, 'creator', DC));
  const raw = text(firstChild(item, 'author', RSS2));
  if (raw !== '') {
    const match = /^\s*([^\s()]+@[^\s()]+)\s*(?:\((.+)\))?\s*$/.exec(raw);
    if (match?.[1]) return { name: match[2]?.trim() || creator || match[1], email: match[1] };
    return { name: raw };
  }
  return creator !== '' ? { name: creator } : undefined;
}

function readRss2(rss: XmlElement, problems: string[]): FeedBody {
  const channel = firstChild(rss, 'channel', RSS2);
  if (!channel) {
    problems.push('<rss> has no <channel>');
    return { format: 'rss2', title: '', entries: [] };
  }
  const language = text(firstChild(channel, 'language', RSS2)) || text(firstChild(channel, 'language', DC)) || channel.lang || undefined;
  // Some feeds put <item> beside <channel> instead of inside it; accept both.
  const items = [...childElements(channel, 'item'), ...childElements(rss, 'item')];
  const entries = items.map((item) => {
    const base = item.base;
    const guid = firstChild(item, 'guid', RSS2);
    const link = text(firstChild(item, 'link', RSS2));
    const guidText = text(guid);
    const permalink = guid && guid.attrs.isPermaLink !== 'false' && /^https?:/i.test(guidText) ? guidText : '';
    const url = resolveUrl(link || permalink, base, problems);
    const title = htmlToText(text(firstChild(item, 'title', RSS2))) || fallbackTitle(item);
    const description = text(firstChild(item, 'description', RSS2));
    const encoded = text(firstChild(item, 'encoded', [NS.content]));
    const lang = item.lang || text(firstChild(item, 'language', DC)) || language;
    const author = rssAuthor(item);
    return finishEntry({
      rawId: guidText,
      ...(url ? { url } : {}),
      title,
      summary: htmlToText(description || encoded),
      ...(author ? { author } : {}),
      publishedAt: entryDate(item, { published: firstChildren(item, ['pubDate'], RSS2) }, problems),
      ...(lang ? { language: lang } : {}),
      categories: childElements(item, 'category').map((c) => text(c)).filter(Boolean),
      media: mediaOf(item, base, problems),
    });
  });
  const link = resolveUrl(text(firstChild(channel, 'link', RSS2)), channel.base, problems);
  const title = htmlToText(text(firstChild(channel, 'title', RSS2))) || fallbackTitle(channel);
  return { format: 'rss2', title, ...(link ? { link } : {}), ...(language ? { language } : {}), entries };
}

function readRss1(rdf: XmlElement, problems: string[]): FeedBody {
  const channel = firstChild(rdf, 'channel', RSS1);
  const language = text(channel && firstChild(channel, 'language', DC)) || rdf.lang || undefined;
  const entries = childElements(rdf, 'item').map((item) => {
    const base = item.base;
    const link = text(firstChild(item, 'link', RSS1));
    const url = resolveUrl(link, base, problems);
    const about = item.attrs['rdf:about'] ?? '';
    const title = htmlToText(text(firstChild(item, 'title', RSS1))) || fallbackTitle(item);
    const creator = text(firstChild(item, 'creator', DC));
    const lang = item.lang || text(firstChild(item, 'language', DC)) || language;
    return finishEntry({
      rawId: about,
      ...(url ? { url } : {}),
      title,
      summary: htmlToText(text(firstChild(item, 'description', RSS1)) || text(firstChild(item, 'encoded', [NS.content]))),
      ...(creator ? { author: { name: creator } } : {}),
      publishedAt: entryDate(item, {}, problems),
      ...(lang ? { language: lang } : {}),
      categories: childElements(item, 'subject', NS.dc).map((c) => text(c)).filter(Boolean),
      media: mediaOf(item, base, problems),
    });
  });
  const title = channel ? htmlToText(text(firstChild(channel, 'title', RSS1))) || fallbackTitle(channel) : '';
  return { format: 'rss1', title, ...(language ? { language } : {}), entries };
}

function firstChildren(el: XmlElement, locals: readonly string[], ns: readonly string[]): XmlElement[] {
  return locals.flatMap((local) => {
    const found = firstChild(el, local, ns);
    return found ? [found] : [];
  });
}

function atomLink(el: XmlElement, ns: readonly string[], problems: string[]): string | undefined {
  const links = el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === 'link' && ns.includes(c.ns));
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0];
  return alternate ? resolveUrl(alternate.attrs.href ?? '', alternate.base, problems) : undefined;
}

function atomAuthor(el: XmlElement | undefined, ns: readonly string[], problems: string[]): FeedAuthor | undefined {
  if (!el) return undefined;
  const name = text(firstChild(el, 'name', ns));
  const email = text(firstChild(el, 'email', ns));
  const uri = resolveUrl(text(firstChild(el, 'uri', ns)), el.base, problems);
  if (name === '' && email === '') return undefined;
  return { name: name || email, ...(email ? { email } : {}), ...(uri ? { url: uri } : {}) };
}

function readAtom(feed: XmlElement, problems: string[], ns: readonly string[] = ATOM): FeedBody {
  const feedAuthor = atomAuthor(firstChild(feed, 'author', ns), ns, problems);
  const language = feed.lang || undefined;
  const entries = childElements(feed, 'entry').map((entry) => {
    const url = atomLink(entry, ns, problems);
    const title = atomText(firstChild(entry, 'title', ns), problems) || fallbackTitle(entry);
    const summary = atomText(firstChild(entry, 'summary', ns), problems) || atomText(firstChild(entry, 'content', ns), problems);
    const author = atomAuthor(firstChild(entry, 'author', ns), ns, problems) ?? feedAuthor;
    const lang = entry.lang || language;
    return finishEntry({
      rawId: text(firstChild(entry, 'id', ns)),
      ...(url ? { url } : {}),
      title,
      summary,
      ...(author ? { author } : {}),
      // Atom 0.3 says issued / created / modified for 1.0's published / updated.
      publishedAt: entryDate(entry, { published: firstChildren(entry, ['published', 'issued'], ns), created: firstChildren(entry, ['created'], ns), updated: firstChildren(entry, ['updated', 'modified'], ns) }, problems),
      ...(lang ? { language: lang } : {}),
      categories: childElements(entry, 'category')
        .map((c) => c.attrs.label ?? c.attrs.term ?? '')
        .filter(Boolean),
      media: mediaOf(entry, entry.base, problems),
    });
  });
  const link = atomLink(feed, ns, problems);
  const title = atomText(firstChild(feed, 'title', ns), problems) || fallbackTitle(feed);
  return { format: 'atom', title, ...(link ? { link } : {}), ...(language ? { language } : {}), entries };
}
