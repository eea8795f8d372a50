// The cooperation finder: partner states for a topic ranked by three signals, each shown as a
// reason with its figure — agreement with our country on the topic's UN votes, listening items on
// the topic naming both states, and our statements on the topic naming the state.
import type { CooperationQuery, CooperationRanking, CountryProfile, PartnerReason } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { statementsMatching } from '../../statements/index.ts';
import { trendOf } from '../trends.ts';
import { agreementWithAll, idealPointsOf, pairAgreementByIssue, pairAgreementBySession, recentSessions } from './agreement.queries.ts';
import { ourCountryOf } from './our-country.ts';
import { topicTerms, unIssuesOfTopic } from './topic-issues.ts';

const DAY_MS = 86_400_000;
/** How the three signals weigh in the score; agreement is what a state did, the rest what is said now. */
export const PARTNER_WEIGHTS = { unAgreement: 0.6, coMentions: 0.25, statements: 0.15 } as const;
/** Fewer shared votes than this and an agreement share says little: it is shown but not ranked on. */
const MIN_SHARED_VOTES = 3;

export type Readers = { insightUnitIds: readonly string[]; statementUnitIds: readonly string[] };

/** Names a statement may use for a state: its English and Indonesian names, or the key itself when it is no ISO code. */
export function namesOf(country: string): string[] {
  if (!/^[A-Z]{2}$/.test(country)) return [country.toLowerCase()];
  const names = ['en', 'id'].map((locale) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(country);
    } catch {
      return undefined;
    }
  });
  return [...new Set(names.filter((n): n is string => !!n).map((n) => n.toLowerCase()))];
}

/** Listening items (insights' own per-item facts) on `topic` that name our country and another, per other country. */
async function coMentions(x: Executor, unitIds: readonly string[], ours: string, topic: string, since: Date, only?: string): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const need = JSON.stringify([`topic:${topic}`, `country:${ours}`]);
  const rows = await queryRows<{ country: string; items: number | string }>(
    x,
    sql`select substr(k.key, 9) as country, count(*) as items
      from insights_item_facts f cross join lateral jsonb_array_elements_text(f.keys) as k(key)
      where f.unit_id in (${sql.join(
        unitIds.map((u) => sql`${u}`),
        sql`, `,
      )}) and f.bucket >= ${since.toISOString()}::timestamptz and f.keys @> ${need}::jsonb
        and k.key like 'country:%' and k.key <> ${`country:${ours}`} ${only ? sql`and k.key = ${`country:${only}`}` : sql``}
      group by 1`,
  );
  return new Map(rows.map((r) => [r.country, Number(r.items)]));
}

/** Our statements on the topic in the period, with their text, for counting the states they name. */
function topicStatements(x: Executor, unitIds: readonly string[], topic: string, since: Date) {
  return statementsMatching(x, { unitIds, terms: topicTerms(topic), tags: [topic], since, limit: 500 });
}

const mentions = (s: { searchText: string; tags: string[] }, country: string, names: readonly string[]) => s.tags.includes(country) || names.some((n) => s.searchText.includes(n));

/** Partner states for a topic, best first, each with its reasons. */
export async function rankPartners(x: Executor, q: CooperationQuery, readers: Readers): Promise<CooperationRanking> {
  const ours = await ourCountryOf(x);
  const issues = unIssuesOfTopic(q.topic);
  const sessions = await recentSessions(x, q.sessions);
  const since = new Date(Date.now() - q.days * DAY_MS);
  const [agreement, coMentioned, statements] = await Promise.all([
    sessions ? agreementWithAll(x, ours, sessions, issues) : Promise.resolve([]),
    coMentions(x, readers.insightUnitIds, ours, q.topic, since),
    topicStatements(x, readers.statementUnitIds, q.topic, since),
  ]);
  const candidates = new Set<string>([...agreement.filter((a) => a.votes >= MIN_SHARED_VOTES).map((a) => a.country), ...coMentioned.keys()]);
  const statementCounts = new Map<string, number>();
  if (statements.length > 0) {
    const all = new Set([...candidates, ...agreement.map((a) => a.country)]);
    for (const country of all) {
      const names = namesOf(country);
      const n = statements.filter((s) => mentions(s, country, names)).length;
      if (n > 0) {
        statementCounts.set(country, n);
        candidates.add(country);
      }
    }
  }
  candidates.delete(ours);
  const byCountry = new Map(agreement.map((a) => [a.country, a]));
  const maxCo = Math.max(1, ...coMentioned.values());
  const maxSt = Math.max(1, ...statementCounts.values());
  const partners = [...candidates].map((country) => {
    const a = byCountry.get(country);
    const co = coMentioned.get(country) ?? 0;
    const st = statementCounts.get(country) ?? 0;
    const reasons: PartnerReason[] = [];
    if (a && sessions) reasons.push({ kind: 'un-agreement', agreement: round(a.agreement), votes: a.votes, issues, fromSession: sessions.from, toSession: sessions.to });
    if (co > 0) reasons.push({ kind: 'co-mentions', items: co, days: q.days });
    if (st > 0) reasons.push({ kind: 'statements', statements: st, days: q.days });
    const un = a && a.votes >= MIN_SHARED_VOTES ? a.agreement : 0;
    const value = PARTNER_WEIGHTS.unAgreement * un + PARTNER_WEIGHTS.coMentions * (co / maxCo) + PARTNER_WEIGHTS.statements * (st / maxSt);
    return { country, score: round(value), reasons };
  });
  partners.sort((a, b) => b.score - a.score || a.country.localeCompare(b.country));
  return { ourCountry: ours, topic: q.topic, issues, sessions, days: q.days, weights: { ...PARTNER_WEIGHTS }, partners: partners.slice(0, q.limit) };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/** Everything the country page shows: UN alignment with our country, listening about it, our statements naming it, and the reasons. */
export async function countryProfileOf(x: Executor, country: string, q: { topic?: string | undefined; days: number }, readers: Readers): Promise<CountryProfile> {
  const ours = await ourCountryOf(x);
  const sessions = await recentSessions(x, 4);
  const to = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS);
  const from = new Date(to.getTime() - q.days * DAY_MS);
  const [trend, byIssue, ideal, listening, named] = await Promise.all([
    pairAgreementBySession(x, ours, country),
    sessions ? pairAgreementByIssue(x, ours, country, sessions) : Promise.resolve([]),
    idealPointsOf(x, ours, country),
    trendOf(x, { dimension: 'country', bucket: 'day', from: from.toISOString(), to: to.toISOString(), tz: 'UTC', keys: [country], top: 1 }, readers.insightUnitIds),
    statementsMatching(x, { unitIds: readers.statementUnitIds, terms: namesOf(country), tags: [country], since: new Date(Date.now() - 365 * DAY_MS), limit: 10 }),
  ]);
  const series = listening.series[0];
  const points = listening.buckets.map((at, i) => ({ at, items: series?.points[i]?.items ?? 0, tone: series?.points[i]?.tone ?? null }));
  const toneItems = series?.points.reduce((n, p) => n + p.toneItems, 0) ?? 0;
  const toneSum = series?.points.reduce((n, p) => n + (p.tone ?? 0) * p.toneItems, 0) ?? 0;
  const issueAgreement = (['di', 'me', 'hr', 'co', 'nu', 'ec'] as const).map((issue) => {
    const row = byIssue.find((r) => r.issue === issue);
    return { issue, agreement: row ? round(row.agreement) : null, votes: row?.votes ?? 0 };
  });
  let reasons: PartnerReason[] = [];
  if (q.topic) {
    const ranking = await rankPartners(x, { topic: q.topic, sessions: 4, days: q.days, limit: 100 }, readers);
    reasons = ranking.partners.find((p) => p.country === country)?.reasons ?? [];
  }
  return {
    country,
    ourCountry: ours,
    agreementTrend: trend.map((t) => ({ ...t, agreement: round(t.agreement) })),
    issueAgreement,
    recentSessions: sessions,
    idealPoints: ideal,
    listening: { from: listening.from, to: listening.to, points, items: series?.total ?? 0, tone: toneItems > 0 ? round(toneSum / toneItems) : null },
    statements: named.map((s) => ({ id: s.id, title: s.title, status: s.status, at: s.at.toISOString() })),
    reasons,
  };
}
