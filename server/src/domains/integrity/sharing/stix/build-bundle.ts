import { canonicalJson } from '../../../../platform/crypto/canonical-json.ts';
import { type DisarmTechnique, disarmUrl, techniquesFor } from './disarm.ts';
import { accountIndicator, accountTypeOf, indicatorName, normaliseHandle, patternOf } from './patterns.ts';
import { scoIdFor, stixIdFor } from './stix-ids.ts';
import type { AccountInput, ClaimInput, FindingInput, IndicatorInput, NetworkInput, ProducerInput, StixBundle, StixObject } from './stix-types.ts';
import { type TlpLevel, tlpMarking, tlpMarkingId } from './tlp.ts';

export type BundleInput = {
  /** Scopes our ids (the installation's root unit): two ministries' record 42 never collide. */
  scope: string;
  producer: ProducerInput & { createdAt: Date; updatedAt: Date };
  tlp: TlpLevel;
  claims?: ClaimInput[];
  findings?: FindingInput[];
  networks?: NetworkInput[];
  /** The ministry's and missions' own accounts, shared so partners know the authentic ones. */
  officialAccounts?: AccountInput[];
};

// The DISARM attack-patterns carry the framework snapshot's date as their version: the same
// technique is the same object version in every export.
const disarmSnapshot = new Date('2025-02-10T00:00:00.000Z');
const stamp = (d: Date) => d.toISOString();
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * Collects objects by id. An object met twice (an account in two findings, a link in two claims)
 * is kept once, spanning both: the earliest `created` and the latest `modified`, so its version
 * depends only on the records it came from, never on the order they were given.
 */
class Collector {
  readonly objects = new Map<string, StixObject>();
  add(obj: StixObject): string {
    const seen = this.objects.get(obj.id);
    if (!seen) {
      this.objects.set(obj.id, obj);
      return obj.id;
    }
    if (typeof obj.created === 'string' && typeof seen.created === 'string' && obj.created < seen.created) {
      seen.created = obj.created;
      if ('valid_from' in seen) seen.valid_from = obj.created;
    }
    if (typeof obj.modified === 'string' && typeof seen.modified === 'string' && obj.modified > seen.modified) seen.modified = obj.modified;
    return seen.id;
  }
}

/**
 * Maps our integrity records to one STIX 2.1 bundle: a report per finding and per claim, with the
 * campaigns, threat actors, indicators, observed data and cyber-observables they involve, DISARM
 * techniques as attack-patterns, the producing ministry as identity and a TLP marking on every
 * object. Pure: the same input gives the same bundle, byte for byte.
 *
 * @example
 * const bundle = buildBundle({ scope: rootUnitId, producer, tlp: 'green', findings: [finding] });
 */
export function buildBundle(input: BundleInput): StixBundle {
  const out = new Collector();
  const { scope, producer } = input;
  const marking = tlpMarkingId(input.tlp);
  out.add(tlpMarking(input.tlp));
  const producerId = out.add({
    type: 'identity',
    spec_version: '2.1',
    id: stixIdFor('identity', scope, `producer:${producer.id}`),
    created: stamp(producer.createdAt),
    modified: stamp(producer.updatedAt),
    name: producer.name,
    identity_class: 'organization',
    sectors: ['government'],
    ...(producer.contact ? { contact_information: producer.contact } : {}),
    object_marking_refs: [marking],
  });

  /** Properties every SDO and SRO we produce carries. */
  const common = (type: string, key: string, created: Date, modified: Date) => ({
    type,
    spec_version: '2.1',
    id: stixIdFor(type, scope, key),
    created: stamp(created),
    modified: stamp(later(modified, created)),
    created_by_ref: producerId,
    object_marking_refs: [marking],
  });

  const relate = (source: string, type: string, target: string, created: Date, modified: Date, description?: string) =>
    out.add({ ...common('relationship', `${source}|${type}|${target}`, created, modified), relationship_type: type, source_ref: source, target_ref: target, ...(description ? { description } : {}) });

  const technique = (t: DisarmTechnique) =>
    out.add({
      ...common('attack-pattern', `disarm:${t.id}`, disarmSnapshot, disarmSnapshot),
      name: t.name,
      external_references: [{ source_name: 'DISARM', external_id: t.id, url: disarmUrl(t.id) }],
    });

  const urlObject = (value: string) => out.add({ type: 'url', spec_version: '2.1', id: scoIdFor('url', { value }), value, object_marking_refs: [marking] });

  const accountObject = (a: AccountInput) => {
    const contributing: Record<string, string> = { account_type: accountTypeOf(a.platform), account_login: normaliseHandle(a.handle) };
    if (a.platformUserId) contributing.user_id = a.platformUserId;
    return out.add({
      type: 'user-account',
      spec_version: '2.1',
      id: scoIdFor('user-account', contributing),
      ...contributing,
      ...(a.displayName ? { display_name: a.displayName } : {}),
      object_marking_refs: [marking],
    });
  };

  const indicator = (ind: IndicatorInput, created: Date, modified: Date) => {
    const pattern = patternOf(ind);
    return out.add({
      ...common('indicator', `pattern:${pattern}`, created, modified),
      name: indicatorName(ind),
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stamp(created),
    });
  };

  /** Indicators of `what`, each related to it by "indicates"; returns every id involved. */
  const indicatorsOf = (what: string, indicators: IndicatorInput[], created: Date, modified: Date): string[] =>
    indicators.flatMap((ind) => {
      const id = indicator(ind, created, modified);
      return [id, relate(id, 'indicates', what, created, modified)];
    });

  /** A claim's campaign (its narrative's, when it has one), the techniques it uses and its report. */
  const claimObjects = (claim: ClaimInput): { campaign: string; refs: string[] } => {
    const campaign = out.add({
      ...common('campaign', claim.narrative ? `narrative:${claim.narrative.id}` : `claim:${claim.id}`, claim.createdAt, claim.updatedAt),
      name: claim.narrative?.name ?? shorten(claim.claimReviewed, 120),
      description: claim.narrative ? 'Narrative of known false or misleading claims.' : claim.claimReviewed,
      objective: 'Spread a known false or misleading claim',
    });
    const refs = [campaign];
    for (const t of techniquesFor('claim-match')) refs.push(technique(t), relate(campaign, 'uses', technique(t), claim.createdAt, claim.updatedAt));
    refs.push(...indicatorsOf(campaign, (claim.appearances ?? []).map((value) => ({ kind: 'url' as const, value })), claim.createdAt, claim.updatedAt));
    const debunk = claim.debunk;
    const description = [claim.claimReviewed, claim.rating ? `Rating: ${claim.rating}.` : null, claim.summary].filter(Boolean).join('\n\n');
    out.add({
      ...common('report', `claim:${claim.id}`, claim.createdAt, claim.updatedAt),
      name: `Known false claim: ${shorten(claim.claimReviewed, 200)}`,
      description,
      report_types: ['campaign', 'threat-report'],
      published: stamp(debunk?.publishedAt ?? claim.updatedAt),
      object_refs: unique(refs),
      ...(claim.language ? { lang: claim.language } : {}),
      ...(debunk?.url ? { external_references: [{ source_name: debunk.author ?? 'debunk', url: debunk.url, description: 'Debunk (ClaimReview)' }] } : {}),
    });
    return { campaign, refs };
  };

  /** A coordinated network as a threat actor with its accounts and shared links. */
  const networkObjects = (n: NetworkInput): string[] => {
    const actor = out.add({
      ...common('threat-actor', `network:${n.id}`, n.createdAt, n.updatedAt),
      name: n.name ?? `Coordinated network of ${n.accounts.length} accounts`,
      description: `Accounts that repeatedly shared the same ${n.sharesText ? 'text' : 'links'} within a short window.`,
      threat_actor_types: ['unknown'],
      first_seen: stamp(n.firstSeen),
      last_seen: stamp(later(n.lastSeen, n.firstSeen)),
    });
    const refs = [actor];
    for (const t of techniquesFor('coordination', { sharesText: n.sharesText ?? false })) refs.push(technique(t), relate(actor, 'uses', technique(t), n.createdAt, n.updatedAt));
    const indicators: IndicatorInput[] = [...n.accounts.map(accountIndicator), ...n.sharedUrls.map((value) => ({ kind: 'url' as const, value }))];
    refs.push(...indicatorsOf(actor, indicators, n.createdAt, n.updatedAt));
    const observed = [...n.accounts.map(accountObject), ...n.sharedUrls.map(urlObject)];
    if (observed.length > 0) {
      refs.push(
        out.add({
          ...common('observed-data', `network:${n.id}`, n.createdAt, n.updatedAt),
          first_observed: stamp(n.firstSeen),
          last_observed: stamp(later(n.lastSeen, n.firstSeen)),
          number_observed: Math.max(1, n.sharedUrls.length),
          object_refs: unique(observed),
        }),
      );
    }
    return refs;
  };

  const findingObjects = (f: FindingInput): void => {
    const refs: string[] = [];
    const techniques = techniquesFor(f.detector, { fakeStatementKind: f.fakeStatementKind ?? null }).map(technique);
    refs.push(...techniques);
    // What the finding is about: the claim's campaign, a threat actor behind the accounts, or the techniques themselves.
    let subject: string | null = null;
    if (f.claim) {
      const claim = claimObjects(f.claim);
      subject = claim.campaign;
      refs.push(...claim.refs);
    } else if (f.detector === 'coordination' || f.detector === 'impersonation') {
      const looksLike = f.detector === 'impersonation' && f.accounts[0] ? ` (look-alike of ${f.impersonated ? `@${normaliseHandle(f.impersonated.handle)}` : 'an official account'})` : '';
      subject = out.add({
        ...common('threat-actor', `finding:${f.id}`, f.createdAt, f.updatedAt),
        name: `${f.title}${looksLike}`,
        threat_actor_types: ['unknown'],
        ...(f.description ? { description: f.description } : {}),
      });
      refs.push(subject);
      for (const t of techniques) refs.push(relate(subject, 'uses', t, f.createdAt, f.updatedAt));
    }
    if (f.detector === 'impersonation' && subject && f.impersonated) {
      // The imitated party is the producing ministry (its missions' accounts are its own), named by its account.
      refs.push(accountObject(f.impersonated), relate(accountObject(f.impersonated), 'related-to', producerId, f.createdAt, f.updatedAt, 'Official account'));
      refs.push(producerId, relate(subject, 'impersonates', producerId, f.createdAt, f.updatedAt));
    }
    const indicates = subject ?? techniques[0];
    const indicators = [...f.indicators, ...f.accounts.map(accountIndicator)];
    if (indicates) refs.push(...indicatorsOf(indicates, dedupeIndicators(indicators), f.createdAt, f.updatedAt));
    const observed = [...f.items.flatMap((i) => [...(i.url ? [urlObject(i.url)] : []), ...(i.account ? [accountObject(i.account)] : [])]), ...f.accounts.map(accountObject)];
    if (observed.length > 0) {
      const times = f.items.map((i) => i.publishedAt.getTime());
      const first = new Date(times.length > 0 ? Math.min(...times) : f.createdAt.getTime());
      const last = new Date(times.length > 0 ? Math.max(...times) : f.updatedAt.getTime());
      const data = out.add({
        ...common('observed-data', `finding:${f.id}`, f.createdAt, f.updatedAt),
        first_observed: stamp(first),
        last_observed: stamp(last),
        number_observed: Math.max(1, f.items.length),
        object_refs: unique(observed),
      });
      refs.push(data, ...observed);
      if (subject) refs.push(relate(data, 'related-to', subject, f.createdAt, f.updatedAt, 'Evidence'));
    }
    out.add({
      ...common('report', `finding:${f.id}`, f.createdAt, f.updatedAt),
      name: f.title,
      ...(f.description ? { description: f.description } : {}),
      report_types: ['threat-report'],
      published: stamp(f.updatedAt),
      labels: [f.detector, ...(f.severity ? [`severity:${f.severity}`] : [])],
      object_refs: unique(refs),
    });
  };

  for (const claim of input.claims ?? []) claimObjects(claim);
  for (const network of input.networks ?? []) networkObjects(network);
  for (const finding of input.findings ?? []) findingObjects(finding);
  for (const account of input.officialAccounts ?? []) {
    relate(producerId, 'related-to', accountObject(account), producer.createdAt, producer.updatedAt, 'Official account');
  }

  const objects = [...out.objects.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The bundle's id follows from what it holds: exporting the same versions again gives the same bundle.
  const digest = canonicalJson(objects.map((o) => [o.id, o.modified ?? o.created ?? null]));
  return { type: 'bundle', id: stixIdFor('bundle', scope, digest), objects };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function dedupeIndicators(list: IndicatorInput[]): IndicatorInput[] {
  const seen = new Map<string, IndicatorInput>();
  for (const ind of list) seen.set(patternOf(ind), ind);
  return [...seen.values()];
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
