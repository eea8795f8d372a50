// Helpers for text and links that came from outside (feeds, platforms, uploads), shared by the
// server (which cleans at write time) and the web app (which shows what may legitimately remain).

/**
 * A link that is safe to store and show as `href`: an absolute http(s) URL, or null. An allow-list,
 * not a block-list: `javascript:`, `data:`, `vbscript:` in any case, behind whitespace, control
 * characters or HTML character references (`&#106;avascript:`), and scheme-relative `//host` all fail.
 *
 * @example
 * safeWebLink(' JaVaScRiPt:alert(1)') // null
 * safeWebLink('https://kemlu.go.id/a') // 'https://kemlu.go.id/a'
 */
export function safeWebLink(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const link = value.trim();
  // The scheme must be spelled plainly at the start: a URL parser would strip tabs and control
  // characters inside it ("java\tscript:"), and an HTML-decoding renderer would read references.
  if (!/^https?:\/\/[^\s/]/i.test(link) || link.length > 4096) return null;
  try {
    const { protocol } = new URL(link);
    return protocol === 'http:' || protocol === 'https:' ? link : null;
  } catch {
    return null;
  }
}

// Unicode bidirectional controls: embeddings and overrides (U+202A–202E), isolates (U+2066–2069),
// and the marks U+200E, U+200F, U+061C. An override turns "report‮fdp.exe" into "reportexe.pdf".
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** True when the text holds a bidi control (see `stripBidiControls`). */
export function hasBidiControls(text: string): boolean {
  bidiControls.lastIndex = 0;
  const found = bidiControls.test(text);
  bidiControls.lastIndex = 0;
  return found;
}

/**
 * Removes bidi controls, for names where they cannot be meant (file names, handles, display
 * names): a person's name or a file name needs no override to be shown in its own direction.
 *
 * @example
 * stripBidiControls('invoice\u202Egpj.exe') // 'invoicegpj.exe'
 */
export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, '');
}

// The controls that reorder a whole run (embeddings, overrides, isolates); the marks only nudge
// neutral characters and are common in right-to-left writing, so content keeps them.
const runControls = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Shows run-reordering bidi controls instead of obeying them, for content that may carry them on
 * purpose but is displayed where a spoof would matter: each becomes its visible name, e.g. `⟨RLO⟩`.
 */
export function revealBidiControls(text: string): string {
  return text.replace(runControls, (c) => `⟨${bidiNames[c] ?? 'BIDI'}⟩`);
}

const bidiNames: Record<string, string> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
};
