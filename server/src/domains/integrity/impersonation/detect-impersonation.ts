// Impersonation on listening's new items (ADR 0024): each item's author is compared with the
// registry of official accounts; a look-alike raises one finding per account (subject
// `account:<platform>:<handle>`), with the official and the look-alike side by side and the signals.
// The same account seen again adds its new items to that finding; an item it already holds adds nothing.
import { type AccountName, createImpersonationDetector, type ImpersonationAssessment } from '@diplodesk/analysis';
import type { Executor } from '../../../platform/db/index.ts';
import { findSource, type StoredItem } from '../../listening/index.ts';
import { findingItemsOf } from '../findings/finding-items.ts';
import { raiseFinding } from '../findings/raise-finding.ts';
import { type OfficialAccount, officialAccounts } from './official-accounts.ts';

/** The platform of each item's source (the connector's name: x, mastodon, bluesky, rss …). */
export async function platformsOf(x: Executor, items: readonly StoredItem[]): Promise<Map<string, string>> {
  const platforms = new Map<string, string>();
  for (const sourceId of new Set(items.map((i) => i.sourceId))) {
    const source = await findSource(x, sourceId);
    if (source) platforms.set(sourceId, source.connector);
  }
  return platforms;
}

/** The account an item was posted by, as the detectors name it; none for an item without a handle. */
export function accountOf(item: StoredItem, platform: string | undefined): (AccountName & { key: string }) | undefined {
  const handle = item.author?.handle?.trim().replace(/^@/, '');
  if (!handle || !platform) return undefined;
  return {
    platform,
    handle,
    ...(item.author?.name?.trim() ? { displayName: item.author.name.trim() } : {}),
    ...(item.author?.id ? { id: item.author.id } : {}),
    key: `${platform}:${handle.toLowerCase()}`,
  };
}

/** The signals a person reads first, from the detector's reasons. */
function signalsOf(a: ImpersonationAssessment) {
  const reasons = a.reasons;
  const edit = reasons.find((r) => r.code === 'edit-distance');
  return {
    confusableSkeleton: reasons.some((r) => r.code === 'same-skeleton'),
    confusableCharacters: reasons.flatMap((r) => (r.code === 'confusable-characters' ? r.characters : [])),
    mixedScripts: reasons.flatMap((r) => (r.code === 'mixed-script' ? r.scripts : [])),
    editDistance: edit?.code === 'edit-distance' ? edit.distance : null,
    addedWords: reasons.flatMap((r) => (r.code === 'added-text' ? r.words : [])),
    invisibleCharacters: reasons.some((r) => r.code === 'invisible-characters'),
  };
}

/** Assesses the authors of new items against the registry; returns how many findings were raised or added to. */
export async function detectImpersonation(tx: Executor, items: readonly StoredItem[]): Promise<number> {
  if (!items.some((i) => i.author?.handle)) return 0;
  const officials = await officialAccounts(tx);
  if (officials.length === 0) return 0;
  const byName = new Map<string, OfficialAccount>(officials.map((o) => [`${o.platform}\u0000${o.handle.toLowerCase()}`, o]));
  const detector = createImpersonationDetector(
    officials.map((o) => ({ platform: o.platform, handle: o.handle, ...(o.displayName ? { displayName: o.displayName } : {}), ...(o.remoteAccountId ? { id: o.remoteAccountId } : {}) })),
  );
  const platforms = await platformsOf(tx, items);
  const found = new Map<string, { account: AccountName; official: OfficialAccount; assessment: ImpersonationAssessment; items: StoredItem[] }>();
  const assessed = new Map<string, ImpersonationAssessment>();
  for (const item of items) {
    const account = accountOf(item, platforms.get(item.sourceId));
    if (!account) continue;
    let assessment = assessed.get(account.key);
    if (!assessment) {
      const { key: _key, ...name } = account;
      assessment = detector.assess(name);
      assessed.set(account.key, assessment);
    }
    if (assessment.verdict !== 'finding' || !assessment.official) continue;
    const official = byName.get(`${assessment.official.platform}\u0000${assessment.official.handle.toLowerCase()}`);
    if (!official) continue;
    const subject = `account:${account.key}`;
    const entry = found.get(subject) ?? { account, official, assessment, items: [] };
    entry.items.push(item);
    found.set(subject, entry);
  }
  if (found.size === 0) return 0;
  const held = await findingItemsOf(tx, 'impersonation', [...found.keys()]);
  let raised = 0;
  for (const [subjectKey, f] of found) {
    const already = held.get(subjectKey);
    const fresh = f.items.filter((i) => !already?.has(i.id));
    if (already && fresh.length === 0) continue;
    const seenAt = new Date(Math.max(...fresh.map((i) => i.publishedAt.getTime())));
    const { official, account, assessment } = f;
    await raiseFinding(tx, {
      detector: 'impersonation',
      subjectKey,
      type: 'look-alike-account',
      severity: assessment.score >= 0.8 ? 'high' : 'medium',
      unitId: official.unitId,
      title: { key: 'look-alike-account', params: { handle: account.handle, platform: account.platform, official: official.handle } },
      itemIds: fresh.map((i) => i.id),
      accountKeys: [`${account.platform}:${account.handle}`],
      evidence: {
        official: { platform: official.platform, handle: official.handle, displayName: official.displayName, unitId: official.unitId, origin: official.origin },
        lookAlike: { platform: account.platform, handle: account.handle, displayName: account.displayName ?? null, id: account.id ?? null },
        score: assessment.score,
        signals: signalsOf(assessment),
        reasons: assessment.reasons,
        skeletons: assessment.skeletons ?? null,
      },
      seenAt,
    });
    raised++;
  }
  return raised;
}
