// Character references for feeds and the HTML inside them. XML defines only five named entities,
// but real feeds use HTML ones (&nbsp;, &rsquo;) undeclared, so the tolerant parser accepts a
// common HTML subset too rather than dropping the text.

/** Named entities accepted in feed XML and in the HTML it carries. */
export const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  iexcl: '¡',
  cent: '¢',
  pound: '£',
  curren: '¤',
  yen: '¥',
  sect: '§',
  copy: '©',
  laquo: '«',
  raquo: '»',
  reg: '®',
  deg: '°',
  plusmn: '±',
  micro: 'µ',
  para: '¶',
  middot: '·',
  iquest: '¿',
  times: '×',
  divide: '÷',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Iacute: 'Í',
  Ntilde: 'Ñ',
  Oacute: 'Ó',
  Ouml: 'Ö',
  Oslash: 'Ø',
  Uacute: 'Ú',
  Uuml: 'Ü',
  szlig: 'ß',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yuml: 'ÿ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  hellip: '…',
  bull: '•',
  euro: '€',
  trade: '™',
  dagger: '†',
  permil: '‰',
  lsaquo: '‹',
  rsaquo: '›',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  zwnj: '\u200c',
  zwj: '\u200d',
};

/** The character of a numeric reference body (`#233`, `#xE9`), or null when it is not a valid XML character. */
export function numericReference(body: string): string | null {
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return valid ? String.fromCodePoint(code) : null;
}

/**
 * Replaces character references in `text`; an unknown or broken one is kept literally and passed to `onProblem`.
 *
 * @example
 * decodeEntities('caf&eacute; &amp; &#8217;', () => {}) // 'café & ’'
 */
export function decodeEntities(text: string, onProblem: (message: string) => void): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s<]{0,32});?/g, (whole, body: string) => {
    const terminated = whole.endsWith(';');
    if (!terminated || body === '') {
      onProblem(`bare "&" not starting a character reference near "${whole.slice(0, 12)}"`);
      return whole;
    }
    if (body.startsWith('#')) {
      const char = numericReference(body);
      if (char !== null) return char;
      onProblem(`invalid numeric character reference "&${body};"`);
      return whole;
    }
    const named = NAMED_ENTITIES[body];
    if (named !== undefined) return named;
    onProblem(`unknown entity "&${body};"`);
    return whole;
  });
}
