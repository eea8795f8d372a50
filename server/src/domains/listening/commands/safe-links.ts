import type { IngestItem } from '@diplodesk/connector-sdk';
import { safeWebLink, stripBidiControls } from '@diplodesk/contracts';

/**
 * The item with its links kept only when they are http(s) (item and author): a `javascript:` or
 * `data:` link would run in the browser of whoever clicks it in the desk. The item itself is kept.
 * The author's handle and name lose their bidi controls.
 */
export function withSafeLinks(item: IngestItem): { item: IngestItem; dropped: string[] } {
  const dropped: string[] = [];
  const out: IngestItem = { ...item };
  if (item.url !== undefined) {
    const url = safeWebLink(item.url);
    if (url) out.url = url;
    else {
      delete out.url;
      dropped.push(item.url);
    }
  }
  if (item.author) {
    // A handle or a display name never needs a bidi control; a spoofed one ("kemlu\u202Eir_") does.
    const { url: rawUrl, ...rest } = item.author;
    const author = { ...rest, handle: stripBidiControls(String(rest.handle ?? '')) };
    if (typeof rest.displayName === 'string') author.displayName = stripBidiControls(rest.displayName);
    const url = rawUrl === undefined ? null : safeWebLink(rawUrl);
    out.author = url ? { ...author, url } : author;
    if (rawUrl !== undefined && !url) dropped.push(rawUrl);
  }
  return { item: out, dropped };
}

/**
 * Cleans a polled batch's links and adds what was dropped to the batch's problems (shown on the
 * source's health), merged with the connector's own `{ count, messages }` when it has some.
 */
export function batchWithSafeLinks<T extends { items: IngestItem[]; problems?: unknown }>(batch: T): T {
  const messages: string[] = [];
  const items = batch.items.map((raw) => {
    const { item, dropped } = withSafeLinks(raw);
    for (const link of dropped) messages.push(`item ${String(raw.remoteId).slice(0, 80)}: link dropped, not http(s): ${JSON.stringify(link.slice(0, 60))}`);
    return item;
  });
  if (messages.length === 0) return batch;
  const previous = batch.problems as { count?: unknown; messages?: unknown } | undefined;
  const earlier = Array.isArray(previous?.messages) ? (previous.messages as string[]) : [];
  const count = (typeof previous?.count === 'number' ? previous.count : earlier.length) + messages.length;
  return { ...batch, items, problems: { count, messages: [...earlier, ...messages].slice(0, 20) } };
}
