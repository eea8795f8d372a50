// The operator's list of host names outbound requests may reach (OUTBOUND_ALLOW_HOSTS). Empty, any
// public host may be reached, as a ministry's analysts add feeds and instances from anywhere; set,
// the installation only talks to the hosts its administrator named (ASVS 13.2.4, 13.2.5). The list is
// about names; which addresses a name may resolve to is still the address check's business.
import { isIP } from 'node:net';

/** Which host names may be reached. */
export interface HostList {
  /** False when the list is empty: every host passes (the address checks still apply). */
  readonly restricted: boolean;
  /** The entries, normalised (lower case, punycode, no trailing dot), for the log and the docs. */
  readonly entries: readonly string[];
  /** Whether `hostname` (as in a URL: IPv6 literals may be bracketed) is on the list. */
  allows(hostname: string): boolean;
}

/** `example.org.` and `EXAMPLE.org` are the same host; `[::1]` is `::1`. */
export function normaliseHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase().replace(/\.$/, '');
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** The normalised host an entry names, or null when it is no host name or IP literal. */
function hostOfEntry(entry: string): string | null {
  const literal = normaliseHost(entry);
  if (isIP(literal)) return literal;
  // A scheme, port, path or user part: the entry is a URL, not a host.
  if (/[/:@?#\\\s]/.test(entry)) return null;
  let host: string;
  try {
    // The URL parser turns Unicode names into punycode, as it does for every URL the guard gets.
    host = normaliseHost(new URL(`http://${entry}/`).hostname);
  } catch {
    return null;
  }
  if (host.length > 253) return null;
  return host.split('.').every((label) => LABEL.test(label)) ? host : null;
}

/**
 * Parses OUTBOUND_ALLOW_HOSTS: comma-separated host names, IP addresses and `*.suffix` wildcards
 * (`*.go.id` matches `kemlu.go.id` and `www.kemlu.go.id`, not `go.id` itself). Throws an Error
 * naming every malformed entry.
 * @example parseHostList('*.go.id, mastodon.social').allows('www.kemlu.go.id') // true
 */
export function parseHostList(text: string): HostList {
  const exact = new Set<string>();
  // Stored with their leading dot, so a suffix match never splits a label ("evilgo.id").
  const suffixes = new Set<string>();
  const bad: string[] = [];
  for (const raw of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const wildcard = raw.startsWith('*.');
    const host = hostOfEntry(wildcard ? raw.slice(2) : raw);
    if (host === null || (wildcard && isIP(host))) bad.push(raw);
    else if (wildcard) suffixes.add(`.${host}`);
    else exact.add(host);
  }
  if (bad.length > 0) throw new Error(`host names, IP addresses or *.suffix wildcards only, separated by commas (not: ${bad.join(', ')})`);
  const entries = [...exact, ...[...suffixes].map((s) => `*${s}`)];
  const restricted = entries.length > 0;
  return {
    restricted,
    entries,
    allows(hostname) {
      if (!restricted) return true;
      const host = normaliseHost(hostname);
      if (exact.has(host)) return true;
      if (suffixes.size === 0) return false;
      // Each suffix of the name that starts at a dot, shortest label run last: one lookup per label.
      for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
        if (suffixes.has(host.slice(dot))) return true;
      }
      return false;
    },
  };
}
