// A daily brief is a list of section providers, each built on the server from its own domain's
// door. A provider answers one small shape (figures, items with links, an optional small chart);
// the web page and the PDF put its keys into the reader's language. A section whose source is not
// set up says "not configured" and carries no numbers.
import type { BriefSectionDto, BriefSectionId } from '@diplodesk/contracts';
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { topStories } from '../../listening/index.ts';
import { insightsAlertRules, insightsAlerts, insightsMonitors } from '../insights.tables.ts';
import { imageOf } from '../image/image-index.ts';
import { monitorsThatChanged } from '../monitors/monitors.queries.ts';
import { bucketSums } from '../rollups/rollups.repo.ts';
import { type BriefPeriod, hoursOf } from './brief-period.ts';

/** What a provider is asked for: the unit (and its sub-units) and its day. */
export type BriefScope = BriefPeriod & { unitId: string; unitIds: readonly string[] };

export type BriefSectionProvider = {
  id: BriefSectionId | (string & {});
  build(x: Executor, scope: BriefScope): Promise<BriefSectionDto>;
};

const STORIES = 10;
const ALERTS = 20;

/** Not there yet: shown as such, never with made-up numbers. */
export const notConfigured = (id: string): BriefSectionProvider => ({
  id,
  build: async () => ({ id, state: 'not-configured', figures: [], items: [], chart: null }),
});

/** The most-covered stories of the day (listening's near-duplicate clusters), with items per hour. */
export const topStoriesSection: BriefSectionProvider = {
  id: 'top-stories',
  async build(x, scope) {
    const stories = await topStories(x, { unitIds: scope.unitIds, from: scope.from, to: scope.to, limit: STORIES });
    const sums = await bucketSums(x, { unitIds: scope.unitIds, dimension: 'all', bucket: 'hour', tz: 'UTC', from: scope.from, to: scope.to });
    const totalItems = sums.reduce((n, s) => n + s.items, 0);
    const perHour = new Map(sums.map((s) => [s.at.getTime(), s.items]));
    return {
      id: 'top-stories',
      state: 'ready',
      figures: [
        { key: 'items', value: totalItems },
        { key: 'largestStory', value: stories[0]?.items ?? 0 },
      ],
      items: stories.map((s) => ({ title: s.headline, url: `/listening/items/${s.id}`, count: s.items, at: s.publishedAt.toISOString(), tag: s.language })),
      chart: totalItems > 0 ? hoursOf(scope).map((h) => ({ label: h.label, value: perHour.get(h.at.getTime()) ?? 0 })) : null,
    };
  },
};

/** Alerts of the unit that were firing during the day (first fired before its end, last at or after its start), newest first. */
export const alertsSection: BriefSectionProvider = {
  id: 'alerts',
  async build(x, scope) {
    const rows = await x
      .select({ alert: insightsAlerts, ruleName: insightsAlertRules.name, kind: insightsAlertRules.kind, monitor: { name: insightsMonitors.name, labels: insightsMonitors.labels } })
      .from(insightsAlerts)
      .leftJoin(insightsAlertRules, eq(insightsAlertRules.id, insightsAlerts.ruleId))
      .leftJoin(insightsMonitors, eq(insightsMonitors.id, insightsAlerts.monitorId))
      .where(and(inArray(insightsAlerts.unitId, [...scope.unitIds]), lt(insightsAlerts.firstFiredAt, scope.to), gte(insightsAlerts.lastFiredAt, scope.from)))
      .orderBy(desc(insightsAlerts.lastFiredAt), desc(insightsAlerts.id));
    return {
      id: 'alerts',
      state: 'ready',
      figures: [
        { key: 'alerts', value: rows.length },
        { key: 'open', value: rows.filter((r) => r.alert.state === 'open').length },
      ],
      items: rows.slice(0, ALERTS).map(({ alert, ruleName, kind, monitor }) => ({
        // A monitor's warning by the monitor's name, a default monitor's in the reader's language.
        title: ruleName ?? monitor?.labels?.en ?? monitor?.name ?? '—',
        ...(!ruleName && monitor?.labels ? { titles: monitor.labels } : {}),
        url: `/insights/alerts`,
        count: alert.why.observed,
        at: alert.firstFiredAt.toISOString(),
        tag: kind ?? alert.why.method,
      })),
      chart: null,
    };
  },
};

/**
 * The nation-image index of the day: the items that mention our country, their mean tone with its
 * 95 % interval, and the items that pulled it up and down. Not configured while the workspace has
 * not named its country.
 */
export const imageSection: BriefSectionProvider = {
  id: 'image-index',
  async build(x, scope) {
    const image = await imageOf(x, { bucket: 'hour', tz: 'UTC', from: scope.from.toISOString(), to: scope.to.toISOString() }, scope.unitIds);
    if (image.country === null) return notConfigured('image-index').build(x, scope);
    const { overall } = image;
    const figures = [{ key: 'imageItems', value: overall.items }];
    if (overall.tone !== null) figures.push({ key: 'imageTone', value: overall.tone });
    if (overall.low !== null && overall.high !== null) figures.push({ key: 'imageLow', value: overall.low }, { key: 'imageHigh', value: overall.high });
    const pulled = (items: typeof image.pull.up, tag: string) => items.map((i) => ({ title: i.headline, url: `/listening/items/${i.id}`, count: null, at: i.publishedAt, tag }));
    return {
      id: 'image-index',
      state: 'ready',
      figures,
      items: [...pulled(image.pull.up, 'pulls-up'), ...pulled(image.pull.down, 'pulls-down')],
      chart: overall.items > 0 ? image.points.map((p, i) => ({ label: hoursOf(scope)[i]?.label ?? p.at.slice(11, 16), value: p.items })) : null,
    };
  },
};

/** Threat monitors that warn, or left their forecast band, as the day ends: each a link to its monitor. */
export const threatsSection: BriefSectionProvider = {
  id: 'threat-changes',
  async build(x, scope) {
    const changed = await monitorsThatChanged(x, { unitIds: scope.unitIds, now: scope.to });
    const warning = changed.filter((m) => m.warning !== null);
    return {
      id: 'threat-changes',
      state: 'ready',
      figures: [
        { key: 'monitorsWarning', value: warning.length },
        { key: 'monitorsLeftBand', value: changed.length - warning.length },
      ],
      items: changed.map((m) => ({
        title: m.labels?.en ?? m.name,
        ...(m.labels ? { titles: m.labels } : {}),
        url: m.href,
        count: m.warning ? m.warning.observed : null,
        at: (m.warningSince ?? m.lastBandExitAt)?.toISOString() ?? null,
        tag: m.warning ? `monitor-${m.warning.reason}` : 'monitor-left-band',
      })),
      chart: null,
    };
  },
};

/**
 * The brief's sections in order.
 */
export const briefSectionProviders: readonly BriefSectionProvider[] = [topStoriesSection, alertsSection, imageSection, threatsSection];
