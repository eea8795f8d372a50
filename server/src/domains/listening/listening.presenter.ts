import type { ItemDto, SourceDto } from '@diplodesk/contracts';
import { type Principal, can } from '../../platform/authz/principal.ts';
import type { ItemRow, SourceRow } from './listening.repo.ts';

/** Sources leave without their sealed credentials; only whether they have any. */
export function presentSource(p: Principal, s: SourceRow, unitPath: string, counts: { total: number; lastHour: number } | undefined): SourceDto {
  return {
    id: s.id,
    unitId: s.unitId,
    connector: s.connector,
    name: s.name,
    country: s.country,
    config: s.config,
    hasCredentials: s.credentialsSealed !== null,
    status: s.status,
    intervalSeconds: s.intervalSeconds,
    tags: s.tags,
    nextPollAt: s.nextPollAt?.toISOString() ?? null,
    health: s.health,
    itemsLastHour: counts?.lastHour ?? 0,
    itemsTotal: counts?.total ?? 0,
    createdAt: s.createdAt.toISOString(),
    policies: { update: can(p, 'listening.manage', unitPath) },
  };
}

export function presentItem(i: ItemRow): ItemDto {
  return {
    id: i.id,
    sourceId: i.sourceId,
    externalId: i.externalId,
    url: i.url,
    author: i.author,
    title: i.title,
    text: i.text,
    language: i.language,
    languageConfidence: i.languageConfidence,
    publishedAt: i.publishedAt.toISOString(),
    collectedAt: i.collectedAt.toISOString(),
    countries: i.countries,
    topics: i.topics,
    sentiment: i.sentiment,
    sentimentMethod: i.sentimentMethod,
    hashtags: i.hashtags,
    mentions: i.mentions,
    urls: i.urls,
    clusterId: i.clusterId,
  };
}
