import type { PostVersion } from './federation.tables.ts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** The first paragraph of a plain-text body (paragraphs are separated by blank lines). */
export function firstParagraph(body: string): string {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (paragraphs[0] ?? '').replace(/\s*\n\s*/g, ' ');
}

/**
 * The HTML a follower's timeline shows for one language version: the title, the first paragraph
 * and a link to the signed newsroom page, where the full text and its signature live.
 */
export function noteHtml(version: PostVersion): string {
  const lead = firstParagraph(version.body);
  const link = escapeHtml(version.url);
  return [
    `<p><strong>${escapeHtml(version.title)}</strong></p>`,
    lead ? `<p>${escapeHtml(lead)}</p>` : '',
    `<p><a href="${link}">${link}</a></p>`,
  ].join('');
}

/** The version shown where a reader's language has none: the first one the statement lists. */
export function primaryVersion(versions: readonly PostVersion[]): PostVersion | undefined {
  return versions[0];
}

type Handle = { username: string; host: string };

/** `@name@host` (the leading @ optional) or an http(s) URL; anything else is not a follow target. */
export function parseFollowTarget(input: string): { kind: 'handle'; handle: Handle } | { kind: 'url'; url: URL } | null {
  const text = input.trim();
  const m = /^@?([A-Za-z0-9_.-]+)@([A-Za-z0-9.-]+(?::\d{1,5})?)$/.exec(text);
  if (m?.[1] && m[2]) return { kind: 'handle', handle: { username: m[1], host: m[2].toLowerCase() } };
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === 'https:' || url.protocol === 'http:' ? { kind: 'url', url } : null;
}
