import type { NewsroomEntryRow } from './newsroom.tables.ts';
import type { Translate } from './i18n.ts';
import { entryUrl } from './record-signed-statement.ts';

export type FeedContext = { publicUrl: string; language: string; languageName: string; org: string; t: Translate; entries: NewsroomEntryRow[] };

// XML 1.0 forbids most control characters even when escaped; a hostile title must not break the feed.
function xml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

// RSS <description> (and Atom type="html", JSON Feed content_html) is HTML: the text is first
// escaped as HTML inside <p> paragraphs, and that HTML is then escaped again as XML by the caller.
// Escaped once, a reader would run "<img onerror>" from a statement's text and lose the words.
function paragraphsHtml(text: string): string {
  const html = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${html(p).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

function titleOf(ctx: FeedContext, e: NewsroomEntryRow): string {
  return e.withdrawnAt ? ctx.t('feed.withdrawnPrefix', { title: e.title }) : e.title;
}

function contentOf(ctx: FeedContext, e: NewsroomEntryRow): string {
  return e.withdrawnAt ? `${ctx.t('feed.withdrawnContent', { reason: e.withdrawReason ?? '' })}\n\n${e.body}` : e.body;
}

function feedTitle(ctx: FeedContext): string {
  return `${ctx.t('siteName', { org: ctx.org })} (${ctx.languageName})`;
}

function base(ctx: FeedContext): string {
  return `${ctx.publicUrl}/newsroom/${encodeURIComponent(ctx.language)}`;
}

const entryUrn = (e: NewsroomEntryRow) => `urn:uuid:${e.id}`;
/** When a feed last changed: its newest publication or withdrawal (HTTP's Last-Modified). */
export function feedLastModified(entries: NewsroomEntryRow[]): Date {
  return new Date(Math.max(0, ...entries.map((e) => updatedOf(e).getTime())));
}

const updatedOf = (e: NewsroomEntryRow) => (e.withdrawnAt && e.withdrawnAt > e.publishedAt ? e.withdrawnAt : e.publishedAt);

/** RSS 2.0, with an atom:link to itself as the RSS Advisory Board recommends. */
export function renderRss(ctx: FeedContext): string {
  const items = ctx.entries
    .map(
      (e) => `<item>
<title>${xml(titleOf(ctx, e))}</title>
<link>${xml(entryUrl({ publicUrl: ctx.publicUrl }, e))}</link>
<guid isPermaLink="false">${xml(entryUrn(e))}</guid>
<pubDate>${e.publishedAt.toUTCString()}</pubDate>
<description>${xml(paragraphsHtml(contentOf(ctx, e)))}</description>
</item>`,
    )
    .join('\n');
  const lastBuild = ctx.entries[0] ? updatedOf(ctx.entries[0]).toUTCString() : new Date(0).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(feedTitle(ctx))}</title>
<link>${xml(base(ctx))}</link>
<description>${xml(ctx.t('feed.description', { org: ctx.org }))}</description>
<language>${xml(ctx.language)}</language>
<lastBuildDate>${lastBuild}</lastBuildDate>
<atom:link href="${xml(`${base(ctx)}/rss.xml`)}" rel="self" type="application/rss+xml"/>
${items}
</channel>
</rss>
`;
}

/** Atom (RFC 4287). */
export function renderAtom(ctx: FeedContext): string {
  const updated = new Date(Math.max(0, ...ctx.entries.map((e) => updatedOf(e).getTime())));
  const entries = ctx.entries
    .map(
      (e) => `<entry>
<id>${entryUrn(e)}</id>
<title type="text">${xml(titleOf(ctx, e))}</title>
<link rel="alternate" type="text/html" href="${xml(entryUrl({ publicUrl: ctx.publicUrl }, e))}"/>
<link rel="related" type="application/json" href="${xml(`${ctx.publicUrl}/api/v1/public/statements/${e.id}`)}"/>
<published>${e.publishedAt.toISOString()}</published>
<updated>${updatedOf(e).toISOString()}</updated>
<content type="html">${xml(paragraphsHtml(contentOf(ctx, e)))}</content>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(ctx.language)}">
<id>${xml(`${base(ctx)}/atom.xml`)}</id>
<title type="text">${xml(feedTitle(ctx))}</title>
<subtitle type="text">${xml(ctx.t('feed.description', { org: ctx.org }))}</subtitle>
<updated>${updated.toISOString()}</updated>
<author><name>${xml(ctx.org)}</name></author>
<link rel="self" type="application/atom+xml" href="${xml(`${base(ctx)}/atom.xml`)}"/>
<link rel="alternate" type="text/html" href="${xml(base(ctx))}"/>
${entries}
</feed>
`;
}

/** JSON Feed 1.1; each item carries its signature in the `_diplodesk` extension. */
export function renderJsonFeed(ctx: FeedContext): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(ctx),
    home_page_url: base(ctx),
    feed_url: `${base(ctx)}/feed.json`,
    description: ctx.t('feed.description', { org: ctx.org }),
    language: ctx.language,
    authors: [{ name: ctx.org }],
    items: ctx.entries.map((e) => ({
      id: entryUrn(e),
      url: entryUrl({ publicUrl: ctx.publicUrl }, e),
      title: titleOf(ctx, e),
      content_html: paragraphsHtml(contentOf(ctx, e)),
      content_text: contentOf(ctx, e),
      date_published: e.publishedAt.toISOString(),
      ...(e.withdrawnAt ? { date_modified: updatedOf(e).toISOString() } : {}),
      language: e.language,
      _diplodesk: {
        kid: e.kid,
        jws: e.jws,
        signed_json: `${ctx.publicUrl}/api/v1/public/statements/${e.id}`,
        verify_url: `${ctx.publicUrl}/verify?entry=${e.id}`,
        withdrawn: e.withdrawnAt !== null,
      },
    })),
  };
}
