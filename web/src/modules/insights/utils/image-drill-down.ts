/** What an image figure was computed over: our country, a period, and at most one split. */
export type ImageFilter = { country: string; from: string; to: string; language?: string; topic?: string; sourceIds?: readonly string[] };

/**
 * The listening search showing exactly the items behind one figure of the image index: items that
 * mention our country in the period, narrowed to the group's language, topic or sources.
 */
export function imageDrillDownHref(f: ImageFilter): string {
  const params = new URLSearchParams();
  params.set('countries', f.country);
  if (f.language) params.set('languages', f.language);
  if (f.topic) params.set('topics', f.topic);
  if (f.sourceIds?.length) params.set('sources', f.sourceIds.join(','));
  params.set('from', f.from);
  params.set('to', f.to);
  return `/listening?${params}`;
}
