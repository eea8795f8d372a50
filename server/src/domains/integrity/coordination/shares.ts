// What an item shares, for coordination (ADR 0024): the links in its text (normalised: lower-case
// host, no fragment, no tracking parameters, no trailing slash), or, for an item without a link,
// its near-duplicate cluster (`cluster:<id>`). One or the other, so that a post counts once per thing shared.
import type { Share } from '@diplodesk/analysis';
import type { StoredItem } from '../../listening/index.ts';

const LINK = /\bhttps?:\/\/[^\s<>"'()\[\]{}]+/gi;
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|igshid|mc_[a-z]+|ref_src|s|t)$/i;

export function normaliseLink(raw: string): string | undefined {
  try {
    const u = new URL(raw.replace(/[.,;:!?]+$/, ''));
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const path = u.pathname.replace(/\/+$/, '');
    const query = u.searchParams.toString();
    return `${host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return undefined;
  }
}

/** The shares of one item by `accountKey`, at `at` (epoch ms: its publication time, clamped by the caller). */
export function sharesOf(item: StoredItem, accountKey: string, at: number): Share[] {
  const links = new Set<string>();
  for (const m of item.text.matchAll(LINK)) {
    const link = normaliseLink(m[0]);
    if (link) links.add(`url:${link}`);
  }
  const objects = links.size > 0 ? [...links] : [`cluster:${item.clusterId}`];
  return objects.map((objectId) => ({ accountId: accountKey, objectId, at, id: item.id }));
}
