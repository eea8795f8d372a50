// robots.txt as RFC 9309 reads it, for the one question an article fetch asks: may this path be
// read by us? Only user-agent groups and Allow/Disallow matter; Crawl-delay and Sitemap are ignored
// (a poll fetches a handful of pages per host, 4 at a time at most).

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (`*` any run of characters, a final `$` the end of the path). */
  pattern: string;
}

export interface RobotsGroup {
  /** User-agent values, lower-cased. */
  agents: string[];
  rules: RobotsRule[];
}

/** The product token we look for in User-agent lines (case-insensitive), before falling back to `*`. */
export const ROBOTS_AGENT = 'diplodesk';

/**
 * Parses robots.txt into groups: consecutive User-agent lines open a group, the rules below them
 * belong to it. Comments, unknown fields and rules before any User-agent are dropped.
 *
 * @example
 * parseRobotsTxt('User-agent: *\nDisallow: /private/') // [{ agents: ['*'], rules: [{ allow: false, pattern: '/private/' }] }]
 */
export function parseRobotsTxt(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let inAgentLines = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (current === null || !inAgentLines) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      inAgentLines = true;
    } else if (field === 'allow' || field === 'disallow') {
      inAgentLines = false;
      // An empty Disallow allows everything, which is what having no rule already means.
      if (current !== null && value !== '') current.rules.push({ allow: field === 'allow', pattern: value });
    }
  }
  return groups;
}

function agentMatches(agent: string, token: string): boolean {
  // "DiploDesk/1.0" names the same crawler as "DiploDesk".
  return agent.split('/')[0]?.trim() === token;
}

/** The rules that apply to `token`: all groups naming it, else all `*` groups (RFC 9309 §2.2.1 merges same-agent groups). */
export function rulesFor(groups: RobotsGroup[], token: string = ROBOTS_AGENT): RobotsRule[] {
  const own = groups.filter((g) => g.agents.some((a) => agentMatches(a, token)));
  const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes('*'));
  return chosen.flatMap((g) => g.rules);
}

function encodeNonAscii(pattern: string): string {
  // Paths from URL objects are percent-encoded; a pattern written in UTF-8 must compare alike.
  return pattern.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = encodeNonAscii(anchored ? pattern.slice(0, -1) : pattern);
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`).test(path);
}

/**
 * Whether `path` (path and query of the URL) may be fetched under `rules`: the longest matching
 * pattern decides, Allow wins a tie, and no match means allowed.
 *
 * @example
 * isPathAllowed(rulesFor(parseRobotsTxt('User-agent: *\nDisallow: /news/\nAllow: /news/public')), '/news/public/1') // true
 */
export function isPathAllowed(rules: RobotsRule[], path: string): boolean {
  if (path === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    const longer = best === null || rule.pattern.length > best.pattern.length;
    const tieAllows = best !== null && rule.pattern.length === best.pattern.length && rule.allow;
    if (longer || tieAllows) best = rule;
  }
  return best === null || best.allow;
}
