import { jsonLdScript } from './claim-review-ld.ts';
import type { NewsroomEntryRow } from './newsroom.tables.ts';
import { formatDate, languageLabel, languageName, nativeLanguageName, type Translate, type UiLanguage, uiLanguages } from './i18n.ts';
import { directionOf } from './text.ts';
import type { VerificationResult } from './verification.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export type PageContext = {
  ui: UiLanguage;
  /** The reader chose the interface language with ?ui=: internal links keep it. */
  uiExplicit: boolean;
  t: Translate;
  org: string;
  /** Path of this page without query, for the interface-language links. */
  path: string;
};

/** An internal link that keeps an explicitly chosen interface language. */
export function link(page: PageContext, pathAndQuery: string): string {
  if (!page.uiExplicit) return pathAndQuery;
  return `${pathAndQuery}${pathAndQuery.includes('?') ? '&' : '?'}ui=${page.ui}`;
}

const uiNames: Record<UiLanguage, string> = { en: 'English', id: 'Bahasa Indonesia' };

export function layout(page: PageContext, opts: { title: string; main: string; head?: string }): string {
  const { t } = page;
  const switcher = uiLanguages
    .map((l) => `<li><a href="${esc(`${page.path}?ui=${l}`)}" lang="${l}" hreflang="${l}"${l === page.ui ? ' aria-current="true"' : ''}>${esc(uiNames[l])}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${page.ui}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} — ${esc(t('siteName', { org: page.org }))}</title>
<link rel="stylesheet" href="/newsroom/assets/newsroom.css">
${opts.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">${esc(t('skipToContent'))}</a>
<header class="site-header">
<p class="site-name"><a href="${esc(link(page, '/newsroom'))}">${esc(t('siteName', { org: page.org }))}</a></p>
<nav aria-label="${esc(t('nav.label'))}"><ul class="nav">
<li><a href="${esc(link(page, '/newsroom'))}">${esc(t('nav.newsroom'))}</a></li>
<li><a href="${esc(link(page, '/verify'))}">${esc(t('nav.verify'))}</a></li>
<li><a href="/.well-known/jwks.json">${esc(t('nav.jwks'))}</a></li>
</ul></nav>
<nav aria-label="${esc(t('nav.uiLanguage'))}"><ul class="ui-languages">${switcher}</ul></nav>
</header>
<main id="main" tabindex="-1">
${opts.main}
</main>
<footer class="site-footer"><p>${esc(t('footer.signed'))}</p><p><a href="${esc(link(page, '/newsroom/audit-checkpoints'))}">${esc(t('footer.auditCheckpoints'))}</a></p></footer>
</body>
</html>
`;
}

export function time(page: PageContext, date: Date, timeZone?: string): string {
  return `<time datetime="${date.toISOString()}">${esc(formatDate(date, page.ui, timeZone))}</time>`;
}

/** Body text as paragraphs (blank lines) with line breaks kept inside a paragraph. */
function paragraphs(body: string): string {
  return body
    .split(/\n[^\S\n]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(esc).join('<br>')}</p>`)
    .join('\n');
}

export type IndexView = {
  language: string | null;
  languages: string[];
  entries: NewsroomEntryRow[];
  /** Audience time zone by statement id (dates are told in it). */
  zones: ReadonlyMap<string, string>;
  olderCursor: string | null;
  isFirstPage: boolean;
};

function feedLinks(page: PageContext, language: string): { head: string; body: string } {
  const base = `/newsroom/${encodeURIComponent(language)}`;
  const feeds = [
    { href: `${base}/rss.xml`, type: 'application/rss+xml', label: page.t('index.rss') },
    { href: `${base}/atom.xml`, type: 'application/atom+xml', label: page.t('index.atom') },
    { href: `${base}/feed.json`, type: 'application/feed+json', label: page.t('index.jsonFeed') },
  ];
  return {
    head: feeds.map((f) => `<link rel="alternate" type="${f.type}" href="${esc(f.href)}" title="${esc(f.label)}">`).join('\n'),
    body: `<section class="feeds" aria-labelledby="feeds-heading"><h2 id="feeds-heading">${esc(page.t('index.feeds'))}</h2><ul>${feeds.map((f) => `<li><a href="${esc(f.href)}" type="${f.type}">${esc(f.label)}</a></li>`).join('')}</ul></section>`,
  };
}

export function renderIndex(page: PageContext, view: IndexView): string {
  const { t } = page;
  const title = view.language ? t('index.titleLanguage', { language: languageName(view.language, page.ui) }) : t('index.title');
  const languageItems = [
    `<li><a href="${esc(link(page, '/newsroom'))}"${view.language === null ? ' aria-current="page"' : ''}>${esc(t('index.allLanguages'))}</a></li>`,
    ...view.languages.map(
      (l) =>
        `<li><a href="${esc(link(page, `/newsroom/${encodeURIComponent(l)}`))}" lang="${esc(l)}" hreflang="${esc(l)}"${view.language === l ? ' aria-current="page"' : ''}>${esc(nativeLanguageName(l))}</a></li>`,
    ),
  ].join('');
  const items = view.entries
    .map((e) => {
      const withdrawn = e.withdrawnAt ? ` <span class="tag tag-withdrawn">${esc(t('index.withdrawnTag'))}</span>` : '';
      return `<li><article class="entry-summary" lang="${esc(e.language)}" dir="${directionOf(e.language)}">
<h2><a href="${esc(link(page, `/newsroom/${encodeURIComponent(e.language)}/${encodeURIComponent(e.slug)}`))}">${esc(e.title)}</a>${withdrawn}</h2>
<p class="meta" lang="${page.ui}" dir="ltr">${time(page, e.publishedAt, view.zones.get(e.statementId))} · ${esc(languageLabel(e.language, page.ui))}</p>
</article></li>`;
    })
    .join('\n');
  const base = view.language ? `/newsroom/${encodeURIComponent(view.language)}` : '/newsroom';
  const paging = [
    view.isFirstPage ? '' : `<li><a href="${esc(link(page, base))}" rel="first">${esc(t('index.newer'))}</a></li>`,
    view.olderCursor ? `<li><a href="${esc(link(page, `${base}?before=${encodeURIComponent(view.olderCursor)}`))}" rel="next">${esc(t('index.older'))}</a></li>` : '',
  ].join('');
  const feeds = view.language ? feedLinks(page, view.language) : null;
  const main = `<h1>${esc(title)}</h1>
<nav aria-label="${esc(t('index.languages'))}" class="content-languages"><h2 class="inline-heading">${esc(t('index.languages'))}</h2><ul>${languageItems}</ul></nav>
${view.entries.length ? `<ol class="entries">${items}</ol>` : `<p>${esc(t('index.empty'))}</p>`}
${paging ? `<nav aria-label="${esc(t('index.paging'))}"><ul class="paging">${paging}</ul></nav>` : ''}
${feeds?.body ?? ''}`;
  return layout(page, { title, main, ...(feeds ? { head: feeds.head } : {}) });
}

export type EntryView = {
  entry: NewsroomEntryRow;
  /** The statement's audience time zone. */
  timeZone: string;
  siblings: { language: string; slug: string; title: string }[];
  /** The statement's live ActivityPub Note, announced to fediverse software looking the page up. */
  activityObject?: string | null;
  /** schema.org ClaimReview of a rebuttal (ADR 0028), embedded as JSON-LD. */
  claimReview?: Record<string, unknown> | null;
};

export function renderEntry(page: PageContext, view: EntryView): string {
  const { t } = page;
  const e = view.entry;
  const dir = directionOf(e.language);
  const withdrawn = e.withdrawnAt
    ? `<section class="banner banner-withdrawn" role="note" aria-labelledby="withdrawn-heading">
<h2 id="withdrawn-heading"><span aria-hidden="true">⚠ </span>${esc(t('entry.withdrawnTitle'))}</h2>
<p>${esc(t('entry.withdrawnOn', { date: formatDate(e.withdrawnAt, page.ui, view.timeZone) }))}</p>
<p>${esc(t('entry.withdrawnReason', { reason: e.withdrawReason ?? '' }))}</p>
<p>${esc(t('entry.withdrawnKept'))}</p>${e.withdrawalJws ? `\n<p>${esc(t('entry.withdrawalSigned'))}</p>` : ''}
</section>`
    : '';
  const attachments = e.attachments.length
    ? `<section aria-labelledby="attachments-heading"><h2 id="attachments-heading">${esc(t('entry.attachments'))}</h2><ul class="attachments">${e.attachments
        .map(
          (a) =>
            `<li><span class="file-name">${esc(a.fileName)}</span> <span class="meta">(${esc(a.mimeType)}, ${esc(t('entry.size', { size: a.byteSize.toLocaleString(page.ui === 'id' ? 'id-ID' : 'en-GB') }))})</span><br><span class="meta">${esc(t('entry.sha256'))}:</span> <code class="hash">${esc(a.sha256)}</code></li>`,
        )
        .join('')}</ul></section>`
    : '';
  const siblings = view.siblings.length
    ? `<nav aria-labelledby="siblings-heading" class="siblings"><h2 id="siblings-heading">${esc(t('entry.otherLanguages'))}</h2><ul>${view.siblings
        .map(
          (s) =>
            `<li><a href="${esc(link(page, `/newsroom/${encodeURIComponent(s.language)}/${encodeURIComponent(s.slug)}`))}" hreflang="${esc(s.language)}" lang="${esc(s.language)}" dir="${directionOf(s.language)}">${esc(nativeLanguageName(s.language))}: ${esc(s.title)}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';
  const signature = `<section class="signature" aria-labelledby="signature-heading">
<h2 id="signature-heading">${esc(t('entry.signatureTitle'))}</h2>
<p>${esc(t('entry.signatureIntro'))}</p>
<dl><dt>${esc(t('entry.kid'))}</dt><dd><code class="hash">${esc(e.kid)}</code></dd></dl>
<details><summary>${esc(t('entry.showJws'))}</summary><pre class="jws"><code>${esc(e.jws)}</code></pre></details>
<ul class="signature-links">
<li><a href="${esc(link(page, `/verify?entry=${e.id}`))}">${esc(t('entry.verifyLink'))}</a></li>
<li><a href="/api/v1/public/statements/${e.id}" type="application/json">${esc(t('entry.bundleLink'))}</a></li>
<li><a href="/.well-known/jwks.json" type="application/json">${esc(t('entry.jwksLink'))}</a></li>
</ul>
<p class="meta">${esc(t('entry.opensslHint'))}</p>
</section>`;
  const main = `${withdrawn}
<article class="statement" lang="${esc(e.language)}" dir="${dir}">
<h1>${esc(e.title)}</h1>
<p class="meta" lang="${page.ui}" dir="ltr">${time(page, e.publishedAt, view.timeZone)}</p>
<div class="statement-body">
${paragraphs(e.body)}
</div>
</article>
${attachments}
${siblings}
${signature}`;
  const activity = view.activityObject ? `\n<link rel="alternate" type="application/activity+json" href="${esc(view.activityObject)}">` : '';
  const review = view.claimReview ? `\n${jsonLdScript(view.claimReview)}` : '';
  return layout(page, { title: e.title, main, head: `<link rel="alternate" type="application/json" href="/api/v1/public/statements/${e.id}">${activity}${review}` });
}

export function renderNotFound(page: PageContext): string {
  const { t } = page;
  return layout(page, {
    title: t('notFound.title'),
    main: `<h1>${esc(t('notFound.title'))}</h1><p>${esc(t('notFound.body'))}</p><p><a href="${esc(link(page, '/newsroom'))}">${esc(t('notFound.back'))}</a></p>`,
  });
}

export type VerifyView = {
  origin: string;
  form: { text: string; url: string };
  result: VerificationResult | null;
  /** A message key under verify.* when the input could not be checked. */
  error: string | null;
};

function renderDiff(page: PageContext, result: VerificationResult): string {
  if (!result.diff?.some((d) => d.op !== 'equal')) return '';
  const { t } = page;
  const end = `<span class="visually-hidden"> (${esc(t('verify.endChange'))})</span>`;
  const parts = result.diff
    .map((d) => {
      if (d.op === 'added') return `<ins><span class="visually-hidden">${esc(t('verify.added'))} </span>${esc(d.text)}${end}</ins>`;
      if (d.op === 'removed') return `<del><span class="visually-hidden">${esc(t('verify.removed'))} </span>${esc(d.text)}${end}</del>`;
      return esc(d.text);
    })
    .join('');
  const lang = result.entry?.language ?? 'und';
  return `<section aria-labelledby="diff-heading"><h3 id="diff-heading">${esc(t('verify.diffHeading'))}</h3>
<p class="meta">${esc(t('verify.diffLegend'))}</p>
<div class="diff" lang="${esc(lang)}" dir="${directionOf(lang)}">${parts}</div></section>`;
}

function renderResult(page: PageContext, result: VerificationResult): string {
  const { t } = page;
  const org = page.org;
  const badSignature = result.signature && !result.signature.valid;
  const box = {
    genuine: { icon: '✔', title: t('verify.genuineTitle'), body: t('verify.genuineBody', { org }) },
    modified: { icon: '⚠', title: t('verify.modifiedTitle'), body: badSignature ? t('verify.badSignatureBody') : t('verify.modifiedBody', { org }) },
    'no-match': { icon: '?', title: t('verify.noMatchTitle'), body: t('verify.noMatchBody', { org }) },
  }[result.verdict];
  const w = result.withdrawal;
  // A signed withdrawal speaks with its own signed reason and time; an unsigned note (entries
  // withdrawn before withdrawals were signed) is shown as before; a forged one is called so.
  const note = w?.valid
    ? t('verify.withdrawnSigned', { org, date: formatDate(new Date(w.withdrawnAt), page.ui), reason: w.reason })
    : w
      ? t('verify.withdrawalForged', { org })
      : result.withdrawn && result.withdrawnAt
        ? t('verify.withdrawnNote', { org, date: formatDate(new Date(result.withdrawnAt), page.ui), reason: result.withdrawReason ?? '' })
        : null;
  const withdrawn = note ? `<p class="withdrawn-note" data-withdrawal="${w ? (w.valid ? 'signed' : 'forged') : 'unsigned'}"><span aria-hidden="true">⚠ </span>${esc(note)}</p>` : '';
  const entry = result.entry
    ? `<p>${esc(t('verify.matchedStatement'))}: <a href="${esc(result.entry.url)}" lang="${esc(result.entry.language)}" dir="${directionOf(result.entry.language)}">${esc(result.entry.title)}</a> (${time(page, new Date(result.entry.publishedAt))})</p>
${result.signature?.valid && result.signature.kid ? `<p class="meta">${esc(t('verify.signedWith', { kid: result.signature.kid }))}</p>` : ''}`
    : '';
  const similarity = result.verdict === 'modified' && result.similarity !== null && result.similarity < 1 ? `<p class="meta">${esc(t('verify.similarity', { percent: Math.round(result.similarity * 100) }))}</p>` : '';
  return `<section class="result" aria-labelledby="result-heading">
<h2 id="result-heading">${esc(t('verify.resultHeading'))}</h2>
<div class="verdict verdict-${result.verdict}" role="status" data-verdict="${result.verdict}">
<p class="verdict-title"><span class="verdict-icon" aria-hidden="true">${box.icon}</span> <strong>${esc(box.title)}</strong></p>
<p>${esc(box.body)}</p>
${withdrawn}
${entry}
${similarity}
</div>
${renderDiff(page, result)}
</section>`;
}

export function renderVerify(page: PageContext, view: VerifyView): string {
  const { t } = page;
  const error = view.error ? `<div class="verdict verdict-error" role="alert"><p>${esc(t(`verify.${view.error}`, { origin: view.origin }))}</p></div>` : '';
  const main = `<h1>${esc(t('verify.title'))}</h1>
<p>${esc(t('verify.intro', { org: page.org }))}</p>
${view.result ? renderResult(page, view.result) : ''}
${error}
<form method="post" action="${esc(link(page, '/verify'))}" class="verify-form">
<p><label for="verify-text">${esc(t('verify.textLabel'))}</label><br>
<span class="hint" id="verify-text-hint">${esc(t('verify.textHelp'))}</span><br>
<textarea id="verify-text" name="text" rows="12" aria-describedby="verify-text-hint">${esc(view.form.text)}</textarea></p>
<p class="js-only" hidden><label for="verify-file">${esc(t('verify.fileLabel'))}</label><br>
<span class="hint" id="verify-file-hint">${esc(t('verify.fileHelp'))}</span><br>
<input id="verify-file" type="file" accept=".txt,.json,.md,text/plain,application/json" aria-describedby="verify-file-hint"></p>
<p><label for="verify-url">${esc(t('verify.urlLabel'))}</label><br>
<span class="hint" id="verify-url-hint">${esc(t('verify.urlHelp', { origin: view.origin }))}</span><br>
<input id="verify-url" name="url" type="url" value="${esc(view.form.url)}" aria-describedby="verify-url-hint" placeholder="${esc(view.origin)}/newsroom/…"></p>
<p><button type="submit">${esc(t('verify.submit'))}</button></p>
</form>`;
  return layout(page, { title: t('verify.title'), main, head: '<script src="/newsroom/assets/verify.js" defer></script>' });
}
