// Fake official statements on listening's new items: an item that presents itself as a statement of
// the ministry or a mission (see statement-cues.ts) is checked against the signed statements with
// the newsroom's verify machinery. An altered copy raises a `modified` finding with the word diff
// and the genuine entry; a text no signed statement matches, or a link to a newsroom page that does
// not exist, a `fabricated` one; a withdrawn statement presented after its withdrawal a `withdrawn`
// one. Copies of the same text collect into one finding per near-duplicate cluster and kind; an item
// a finding already holds adds nothing (redelivery, re-analysis).
import { countriesMentioned } from '@diplodesk/analysis';
import { type FakeStatementEvidence, type FakeStatementKind, type FindingSeverity, type FindingTitleKey, type FindingTitleParams, findingSeverities } from '@diplodesk/contracts';
import type { Config } from '../../../platform/config/config.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { findRootUnit, listUnits } from '../../identity/index.ts';
import { readOurCountry } from '../../insights/index.ts';
import type { StoredItem } from '../../listening/index.ts';
import { type DiffPart, type VerificationResult, VerifyInputError, verifyText, verifyUrl } from '../../statements/index.ts';
import { itemsHeldBy } from '../findings/finding-items.ts';
import { raiseFinding } from '../findings/raise-finding.ts';
import { accountOf, platformsOf } from '../impersonation/detect-impersonation.ts';
import { officialAccounts } from '../impersonation/official-accounts.ts';
import { assessStatementCues, type CueAssessment, type CueContext } from './statement-cues.ts';

/** A text shorter than this (words) is not checked on its own: too little to tell a copy from a summary. */
const minCheckedWords = 6;
/** Edits at the very start or end of a quote up to this many words are a quoting habit, not a change. */
const edgeSlackWords = 3;
/** A cluster seen this many times in one batch is spreading: one severity step up. */
const spreadingItems = 5;

const wordCount = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** The names, country and newsroom the cue detector reads, from the workspace's units, official accounts and settings. */
export async function cueContextOf(x: Executor, config: Pick<Config, 'publicUrl' | 'orgName'>): Promise<CueContext & { officialKeys: Set<string> }> {
  const [units, accounts, setCountry, root] = await Promise.all([listUnits(x), officialAccounts(x), readOurCountry(x), findRootUnit(x)]);
  const names = [config.orgName, ...units.map((u) => u.name), ...accounts.flatMap((a) => [a.displayName ?? '', a.handle])].filter((n) => n.trim() !== '');
  // Without the setting, the ministry's own name may say its country ("… Republik Indonesia").
  const fromName = root ? countriesMentioned(root.name, { language: 'en' })[0]?.code : undefined;
  return {
    names,
    country: setCountry ?? fromName ?? null,
    newsroomOrigins: [new URL(config.publicUrl).origin],
    officialKeys: new Set(accounts.map((a) => `${a.platform}:${a.handle.replace(/^@/, '').toLowerCase()}`)),
  };
}

/**
 * Is this diff only a quote of part of the genuine text? Nothing changed inside the quoted span: the
 * genuine text may be cut at either end, and a few words added at either end.
 */
export function isExcerpt(diff: readonly DiffPart[] | null): boolean {
  if (!diff) return false;
  const firstEqual = diff.findIndex((d) => d.op === 'equal' && wordCount(d.text) > 0);
  if (firstEqual < 0) return false;
  let lastEqual = firstEqual;
  diff.forEach((d, i) => {
    if (d.op === 'equal' && wordCount(d.text) > 0) lastEqual = i;
  });
  const inside = diff.slice(firstEqual, lastEqual + 1);
  if (inside.some((d) => d.op !== 'equal' && wordCount(d.text) > 0)) return false;
  const edges = [...diff.slice(0, firstEqual), ...diff.slice(lastEqual + 1)];
  return edges.filter((d) => d.op === 'added').reduce((n, d) => n + wordCount(d.text), 0) <= edgeSlackWords;
}

type Decision = { kind: FakeStatementKind; result: VerificationResult | null; fakeLink: boolean; links: FakeStatementEvidence['newsroomLinks'] };

/** What one cued item is: nothing (a genuine copy, an excerpt, a summary under a real link) or a kind of fake. */
async function decide(db: Executor, config: Config, item: StoredItem, cues: CueAssessment): Promise<Decision | null> {
  const links: FakeStatementEvidence['newsroomLinks'] = [];
  let linked: VerificationResult | null = null;
  for (const url of cues.newsroomLinks.slice(0, 5)) {
    try {
      const r = await verifyUrl(db, config, url);
      links.push({ url, found: true });
      linked ??= r;
    } catch (error) {
      if (!(error instanceof VerifyInputError)) throw error;
      links.push({ url, found: false });
    }
  }
  if (links.some((l) => !l.found)) return { kind: 'fabricated', result: null, fakeLink: true, links };
  const withdrawnNow = (r: VerificationResult | null) => r?.withdrawn === true && r.withdrawnAt !== null && new Date(r.withdrawnAt).getTime() <= item.publishedAt.getTime();
  const checked = wordCount(cues.body) >= minCheckedWords ? await verifyText(db, config, cues.body, { excerpts: true }).catch((e) => (e instanceof VerifyInputError ? null : Promise.reject(e))) : null;
  if (!checked) return withdrawnNow(linked) ? { kind: 'withdrawn', result: linked, fakeLink: false, links } : null;
  if (checked.verdict === 'no-match') {
    // A summary in its own words under a link to the real statement is how statements are shared.
    if (linked) return withdrawnNow(linked) ? { kind: 'withdrawn', result: linked, fakeLink: false, links } : null;
    return { kind: 'fabricated', result: checked, fakeLink: false, links };
  }
  if (checked.verdict === 'modified' && !isExcerpt(checked.diff)) return { kind: 'modified', result: checked, fakeLink: false, links };
  return withdrawnNow(checked) ? { kind: 'withdrawn', result: checked, fakeLink: false, links } : null;
}

function severityOf(d: Decision, cues: CueAssessment, spreading: boolean): FindingSeverity {
  const strong = cues.strength === 'strong';
  const base: FindingSeverity = d.kind === 'modified' ? (strong ? 'high' : 'medium') : d.fakeLink ? 'high' : strong ? 'medium' : 'low';
  const i = findingSeverities.indexOf(base) + (spreading ? 1 : 0);
  return findingSeverities[Math.min(i, findingSeverities.length - 1)] ?? base;
}

const quoted = (s: string, max = 90) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1).trimEnd()}…` : one;
};

function titleOf(d: Decision, body: string): { key: FindingTitleKey; params: FindingTitleParams } {
  const entry = d.result?.entry;
  if (d.kind === 'modified' && entry) return { key: 'altered-statement', params: { statement: quoted(entry.title) } };
  if (d.kind === 'withdrawn' && entry) return { key: 'withdrawn-statement', params: { statement: quoted(entry.title) } };
  if (d.fakeLink) return { key: 'unpublished-statement-link', params: { text: quoted(body) } };
  return { key: 'fabricated-statement', params: { text: quoted(body) } };
}

function evidenceOf(d: Decision, item: StoredItem, cues: CueAssessment): FakeStatementEvidence {
  const r = d.result;
  const entry = r?.entry ?? null;
  return {
    kind: d.kind,
    cueStrength: cues.strength ?? 'weak',
    cues: cues.cues.map((c) => ({ kind: c.kind, text: c.text.slice(0, 300) })),
    checkedText: cues.body.slice(0, 8000),
    itemLanguage: item.language,
    genuine: entry ? { entryId: entry.id, title: entry.title, url: entry.url, kid: entry.kid, language: entry.language, publishedAt: entry.publishedAt } : null,
    diff: d.kind === 'modified' ? (r?.diff ?? null) : null,
    similarity: r?.similarity ?? null,
    withdrawn: r?.withdrawn ? { at: r.withdrawnAt, reason: r.withdrawReason } : null,
    newsroomLinks: d.links,
  };
}

/** Checks new items presented as official statements; returns how many findings were raised or added to. */
export async function detectFakeStatements(tx: Executor, config: Config, batch: readonly StoredItem[]): Promise<number> {
  let items = batch;
  // An item a finding holds is never raised again: not on redelivery, nor when re-analysis moved it to another cluster.
  const heldAlready = await itemsHeldBy(tx, 'fake-statement', items.map((i) => i.id));
  items = items.filter((i) => !heldAlready.has(i.id));
  if (items.length === 0) return 0;
  const context = await cueContextOf(tx, config);
  const platforms = await platformsOf(tx, items);
  type Found = { decision: Decision; cues: CueAssessment; item: StoredItem; items: { item: StoredItem; account: string | null }[] };
  const found = new Map<string, Found>();
  // Copies of one text in a batch are verified once.
  const decided = new Map<string, Promise<Decision | null>>();
  for (const item of items) {
    const cues = assessStatementCues({ text: item.text, title: item.title }, context);
    if (!cues.cued) continue;
    const account = accountOf(item, platforms.get(item.sourceId));
    // Our own accounts publish our statements (summaries included): their posts are not fakes.
    if (account && context.officialKeys.has(account.key)) continue;
    const key = `${cues.body}\u0000${cues.newsroomLinks.join(' ')}\u0000${item.publishedAt.toISOString().slice(0, 10)}`;
    let pending = decided.get(key);
    if (!pending) {
      pending = decide(tx, config, item, cues);
      decided.set(key, pending);
    }
    const decision = await pending;
    if (!decision) continue;
    const subject = `${decision.kind}:${item.clusterId}`;
    const entry = found.get(subject) ?? { decision, cues, item, items: [] };
    entry.items.push({ item, account: account ? `${account.platform}:${account.handle}` : null });
    found.set(subject, entry);
  }
  if (found.size === 0) return 0;
  let raised = 0;
  for (const [subjectKey, f] of found) {
    const fresh = f.items;
    await raiseFinding(tx, {
      detector: 'fake-statement',
      subjectKey,
      type: f.decision.kind,
      severity: severityOf(f.decision, f.cues, f.items.length >= spreadingItems),
      unitId: f.item.unitId,
      title: titleOf(f.decision, f.cues.body),
      itemIds: fresh.map((i) => i.item.id),
      accountKeys: fresh.flatMap((i) => (i.account ? [i.account] : [])),
      evidence: evidenceOf(f.decision, f.item, f.cues),
      seenAt: new Date(Math.max(...fresh.map((i) => i.item.publishedAt.getTime()))),
    });
    raised++;
  }
  return raised;
}
