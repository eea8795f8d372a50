/**
 * The item's text as a reader sees it under its headline: feeds and imports store the headline at
 * the start of the text (the analysis reads both), so it is not repeated below the headline.
 * @example bodyUnderTitle({ title: 'Talks resume', text: 'Talks resume\n\nDelegates met.' }) // 'Delegates met.'
 */
export function bodyUnderTitle(item: { title: string | null; text: string }): string {
  const title = item.title?.trim();
  if (!title) return item.text;
  const text = item.text.trimStart();
  if (!text.startsWith(title)) return item.text;
  return text.slice(title.length).replace(/^[\s.:–—-]+/u, '');
}
