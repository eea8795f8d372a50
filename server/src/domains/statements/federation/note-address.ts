// The addresses of our ActivityPub objects, for code that links to them without a Fedify context
// (the newsroom pages). Fedify routes the same templates, so both always agree.

export const actorPath = '/ap/actors/{identifier}';
export const notePath = '/ap/actors/{identifier}/notes/{statementId}';

/** The Note of a statement as published by one of our actors (a unit id). */
export function noteUrl(publicUrl: string, actorId: string, statementId: string): string {
  return `${publicUrl}${notePath.replace('{identifier}', encodeURIComponent(actorId)).replace('{statementId}', encodeURIComponent(statementId))}`;
}

const activityTypes = ['application/activity+json', 'application/ld+json'];

/**
 * Whether a request's Accept prefers ActivityPub JSON to a web page (RFC 9110 quality values):
 * Mastodon asks for `application/activity+json, application/ld+json; profile=…` when a user
 * searches for an address; a browser asks for text/html first.
 */
export function prefersActivityJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let activity = 0;
  let page = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim());
    const media = type.toLowerCase();
    let q = 1;
    let profile: string | null = null;
    for (const param of params) {
      const [name, value = ''] = param.split('=').map((p) => p.trim());
      if (name?.toLowerCase() === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
      else if (name?.toLowerCase() === 'profile') profile = value.replace(/^"|"$/g, '');
    }
    // application/ld+json is ActivityStreams only with its profile (or none): other JSON-LD is not ours to claim.
    if (media === 'application/ld+json' && profile !== null && !profile.split(/\s+/).includes('https://www.w3.org/ns/activitystreams')) continue;
    if (activityTypes.includes(media)) activity = Math.max(activity, q);
    else if (media === 'text/html' || media === 'application/xhtml+xml' || media === 'text/*' || media === '*/*') page = Math.max(page, q);
  }
  return activity > 0 && activity > page;
}
