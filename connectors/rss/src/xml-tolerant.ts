// A small, forgiving XML reader for feeds. Real feeds are often not well-formed (unclosed tags,
// stray "&", HTML entities, undeclared prefixes); a strict parser would throw the whole feed away,
// so this one recovers the way browsers do — close what is open, keep text literally — and records
// each recovery as a problem the source's health can show.
import { decodeEntities } from './entities.ts';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rss1: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

// Feeds regularly use these prefixes without declaring them; resolving them by convention keeps the data.
const CONVENTIONAL_PREFIXES: Record<string, string> = { atom: NS.atom, rdf: NS.rdf, dc: NS.dc, dcterms: NS.dcterms, content: NS.content, media: NS.media, xml: NS.xml };

export interface XmlElement {
  /** The qualified name as written (`dc:date`). */
  name: string;
  local: string;
  /** Namespace URI, '' when none. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Inherited `xml:lang`, if any. */
  lang?: string;
  /** Inherited `xml:base` (absolute when it could be resolved), if any. */
  base?: string;
}
export type XmlNode = XmlElement | string;

export interface XmlParseResult {
  root: XmlElement | null;
  problems: string[];
}

const NON_NESTING = new Set(['item', 'entry', 'atom:entry', 'rss:item']);
const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;

/**
 * Parses XML text into a tree, recovering from malformed input instead of failing.
 *
 * @example
 * parseXmlTolerant('<a><b>x</a>').problems // ['<b> not closed before </a>']
 */
export function parseXmlTolerant(text: string, options: { baseUrl?: string } = {}): XmlParseResult {
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const rootHolder: XmlElement = { name: '#document', local: '#document', ns: '', attrs: {}, children: [], ...(options.baseUrl ? { base: options.baseUrl } : {}) };
  const stack: { el: XmlElement; scope: Record<string, string> }[] = [{ el: rootHolder, scope: { ...CONVENTIONAL_PREFIXES, '': '' } }];
  const top = () => stack[stack.length - 1] as { el: XmlElement; scope: Record<string, string> };
  const appendText = (value: string) => {
    if (value === '') return;
    const children = top().el.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + value;
    else children.push(value);
  };

  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      appendText(decodeEntities(text.slice(i), report));
      break;
    }
    if (lt > i) appendText(decodeEntities(text.slice(i, lt), report));
    i = lt;
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) report('CDATA section not closed');
      appendText(text.slice(i + 9, end === -1 ? text.length : end));
      i = end === -1 ? text.length : end + 3;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) report('comment not closed');
      i = end === -1 ? text.length : end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (text.startsWith('<!', i)) {
      i = skipDeclaration(text, i);
    } else if (text[i + 1] === '/') {
      const end = text.indexOf('>', i);
      const name = text.slice(i + 2, end === -1 ? text.length : end).trim();
      i = end === -1 ? text.length : end + 1;
      closeElement(name);
    } else if (NAME_START.test(text[i + 1] ?? '')) {
      i = openElement(i);
    } else {
      // A lone "<" in text (e.g. "a < b"): keep it as text.
      report(`stray "<" in text at offset ${i}`);
      appendText('<');
      i += 1;
    }
  }
  while (stack.length > 1) {
    report(`<${top().el.name}> not closed at end of document`);
    stack.pop();
  }
  const root = rootHolder.children.find((c): c is XmlElement => typeof c !== 'string') ?? null;
  if (!root) report('no root element');
  return { root, problems };

  function closeElement(name: string): void {
    let depth = stack.length - 1;
    while (depth > 0 && stack[depth]?.el.name !== name) depth -= 1;
    if (depth === 0) {
      report(`closing tag </${name}> matches no open element`);
      return;
    }
    while (stack.length - 1 > depth) {
      report(`<${top().el.name}> not closed before </${name}>`);
      stack.pop();
    }
    stack.pop();
  }

  function openElement(start: number): number {
    let j = start + 1;
    while (j < text.length && !/[\s/>]/.test(text[j] as string)) j += 1;
    const name = text.slice(start + 1, j);
    const rawAttrs: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      while (j < text.length && /\s/.test(text[j] as string)) j += 1;
      const ch = text[j];
      if (ch === undefined) {
        report(`tag <${name}> cut off at end of document`);
        break;
      }
      if (ch === '>') {
        j += 1;
        break;
      }
      if (ch === '/' && text[j + 1] === '>') {
        selfClosing = true;
        j += 2;
        break;
      }
      if (ch === '<') {
        report(`tag <${name}> not terminated`);
        break;
      }
      const attrStart = j;
      while (j < text.length && !/[\s=/>]/.test(text[j] as string)) j += 1;
      const attrName = text.slice(attrStart, j);
      if (attrName === '') {
        j += 1;
        continue;
      }
      while (j < text.length && /\s/.test(text[j] as string)) j += 1;
      if (text[j] !== '=') {
        report(`attribute "${attrName}" on <${name}> has no value`);
        rawAttrs.push([attrName, '']);
        continue;
      }
      j += 1;
      while (j < text.length && /\s/.test(text[j] as string)) j += 1;
      const quote = text[j];
      let value: string;
      if (quote === '"' || quote === "'") {
        const end = text.indexOf(quote, j + 1);
        value = text.slice(j + 1, end === -1 ? text.length : end);
        j = end === -1 ? text.length : end + 1;
      } else {
        report(`attribute "${attrName}" on <${name}> is not quoted`);
        const vStart = j;
        while (j < text.length && !/[\s>]/.test(text[j] as string)) j += 1;
        value = text.slice(vStart, j);
      }
      rawAttrs.push([attrName, decodeEntities(value, report)]);
    }

    if (NON_NESTING.has(name)) {
      // A new <item> while one is open means the previous one was never closed; nesting it would hide it.
      const open = stack.findIndex((frame, index) => index > 0 && frame.el.name === name);
      if (open !== -1) {
        report(`<${name}> opened inside an unclosed <${name}>`);
        while (stack.length > open) stack.pop();
      }
    }
    const parent = top();
    const scope = { ...parent.scope };
    const attrs: Record<string, string> = {};
    for (const [key, value] of rawAttrs) {
      if (key === 'xmlns') scope[''] = value;
      else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
      attrs[key] = value;
    }
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const ns = scope[prefix];
    if (ns === undefined) report(`undeclared namespace prefix "${prefix}" on <${name}>`);
    const el: XmlElement = { name, local: colon === -1 ? name : name.slice(colon + 1), ns: ns ?? '', attrs, children: [] };
    const lang = attrs['xml:lang'] ?? parent.el.lang;
    if (lang !== undefined) el.lang = lang;
    const base = resolveBase(attrs['xml:base'], parent.el.base);
    if (base !== undefined) el.base = base;
    parent.el.children.push(el);
    if (!selfClosing) stack.push({ el, scope });
    return j;
  }
}

function resolveBase(value: string | undefined, parentBase: string | undefined): string | undefined {
  if (value === undefined) return parentBase;
  try {
    return new URL(value, parentBase).href;
  } catch {
    return parentBase;
  }
}

// Skips <!DOCTYPE …> including an internal subset in brackets.
function skipDeclaration(text: string, start: number): number {
  let depth = 0;
  for (let j = start + 2; j < text.length; j += 1) {
    const ch = text[j];
    if (ch === '[') depth += 1;
    else if (ch === ']') depth -= 1;
    else if (ch === '>' && depth <= 0) return j + 1;
  }
  return text.length;
}

/** Child elements of `el`, optionally filtered by local name and namespace. */
export function childElements(el: XmlElement, local?: string, ns?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || c.local === local) && (ns === undefined || c.ns === ns));
}

/** The first child with this local name (any namespace in `nsList`). */
export function firstChild(el: XmlElement, local: string, nsList: readonly string[]): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.local === local && nsList.includes(c.ns));
}

/** All text inside `el`, markup of child elements dropped. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** `el` written back as markup (for Atom `type="xhtml"` content). */
export function serializeChildren(el: XmlElement): string {
  const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return el.children
    .map((c) => {
      if (typeof c === 'string') return escapeText(c);
      const attrs = Object.entries(c.attrs)
        .map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`)
        .join('');
      return `<${c.local}${attrs}>${serializeChildren(c)}</${c.local}>`;
    })
    .join('');
}
