import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../../platform/db/platform.tables.ts';
import { inTransaction } from '../../../../platform/context.ts';
import { newIdFor } from '../../../../platform/db/index.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { raiseFinding } from '../../findings/raise-finding.ts';
import { buildBundle } from '../stix/build-bundle.ts';
import type { StixBundle, StixObject } from '../stix/stix-types.ts';
import { sampleBundleInput } from './sample-records.ts';

// The OASIS STIX 2.1 JSON schemas and examples (oasis-open/cti-stix2-json-schemas), from the shared
// evaluation data (DIPLODESK_EVAL_DATA, else ../shared/data beside the checkout, as the evaluations
// read it); the schema checks are skipped when the folder is not there.
const dataRoot = process.env.DIPLODESK_EVAL_DATA ?? path.resolve(import.meta.dirname, '../../../../../../../shared/data');
const stixRoot = path.join(dataRoot, 'stix2-json-schemas');
const hasSchemas = fs.existsSync(path.join(stixRoot, 'schemas', 'common', 'bundle.json'));
const schemaBase = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas';

type Validator = ((value: unknown) => boolean) & { errors?: unknown };

/** Every schema of the folder loaded into one Ajv (draft 2020-12), so relative $refs resolve. */
function loadSchemas(): { bundle: Validator; forType(type: string): Validator | undefined } {
  // The OASIS patterns escape '-' outside classes, which JavaScript's unicode mode refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const dirs = ['common', 'sdos', 'sros', 'observables'];
  for (const dir of dirs) {
    for (const file of fs.readdirSync(path.join(stixRoot, 'schemas', dir))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(stixRoot, 'schemas', dir, file), 'utf8')));
  }
  const bundle = ajv.getSchema(`${schemaBase}/common/bundle.json`) as Validator | undefined;
  if (!bundle) throw new Error('bundle schema missing');
  return {
    bundle,
    forType: (type) => dirs.map((dir) => ajv.getSchema(`${schemaBase}/${dir}/${type}.json`) as Validator | undefined).find(Boolean),
  };
}

function exampleFiles(): string[] {
  if (!hasSchemas) return [];
  const dir = path.join(stixRoot, 'examples');
  const top = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const reports = fs.existsSync(path.join(dir, 'threat-reports')) ? fs.readdirSync(path.join(dir, 'threat-reports')).filter((f) => f.endsWith('.json')).map((f) => `threat-reports/${f}`) : [];
  return [...top, ...reports].sort();
}

let t: TestApp;
let admin: Client;
let collectionId: string;
let rootId: string;
/** Ids of the stored records the export reads: a claim, and a finding of each detector kind. */
const stored = { claimId: '', claimMatch: '', coordination: '', impersonation: '' };

/** A claim, a finding of each detector and an official account, stored as the detectors and the registry store them. */
async function storeRecords(): Promise<void> {
  const claim = await admin.post('/api/v1/integrity/claims', {
    unitId: rootId,
    claimReviewed: 'The ministry sold the Natuna islands',
    language: 'en',
    reviewRating: { alternateName: 'False' },
    reviewAuthor: 'Cek Fakta',
    url: 'https://factcheck.example/natuna',
    datePublished: '2026-12-01',
    itemReviewed: { appearanceUrls: ['https://social.example/n1'] },
  });
  expect(claim.statusCode, claim.body).toBe(201);
  stored.claimId = claim.json().id;
  const at = '2026-12-05T08:00:00.000Z';
  const base = { unitId: rootId, itemIds: [newIdFor()], seenAt: new Date(at) };
  await inTransaction(t.ctx, async (tx) => {
    stored.claimMatch = (await raiseFinding(tx, { ...base, detector: 'claim-match', subjectKey: `claim:${stored.claimId}:cluster:1`, type: 'known-claim', severity: 'medium', title: { key: 'known-claim', params: { claim: 'The ministry sold the Natuna islands' } }, claimId: stored.claimId, accountKeys: ['x:rumours'], evidence: { clusterId: '1', lastScore: 0.91 } })).id;
    const network = { objects: [{ objectId: 'url:campaign.example/p/0' }, { objectId: 'cluster:42' }], timeline: [{ accountId: 'x:a', objectId: 'url:campaign.example/p/0', at, itemId: newIdFor() }, { accountId: 'x:b', objectId: 'url:campaign.example/p/0', at, itemId: newIdFor() }], firstAt: at, lastAt: at };
    stored.coordination = (await raiseFinding(tx, { ...base, detector: 'coordination', subjectKey: 'pair:x:a|x:b', type: 'coordinated-sharing', severity: 'high', title: { key: 'coordinated-sharing', params: { accounts: 2, items: 1, seconds: 30 } }, accountKeys: ['x:a', 'x:b'], evidence: { network } })).id;
    stored.impersonation = (await raiseFinding(tx, { ...base, detector: 'impersonation', subjectKey: 'account:x:kemiuri', type: 'look-alike-account', severity: 'high', title: { key: 'look-alike-account', params: { handle: 'KemIuRI', platform: 'x', official: 'KemluRI' } }, accountKeys: ['x:KemIuRI'], evidence: { official: { platform: 'x', handle: 'KemluRI', displayName: 'Kemlu RI' } } })).id;
  });
  const official = await admin.post('/api/v1/integrity/official-accounts', { unitId: rootId, platform: 'x', handle: 'KemluRI', displayName: 'Kemlu RI' });
  expect(official.statusCode, official.body).toBe(201);
}
const everything = { tlp: 'amber', findings: {}, claims: {}, officialAccounts: true };

async function objectCount(): Promise<number> {
  const res = await admin.get('/api/v1/integrity/sharing/collections');
  return res.json().items.find((c: { id: string }) => c.id === collectionId).objectCount;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const res = await admin.post('/api/v1/integrity/sharing/collections', { title: 'Imported from partners', description: null, alias: null });
  expect(res.statusCode, res.body).toBe(201);
  collectionId = res.json().id;
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  await storeRecords();
});
afterAll(() => t.close());

describe.skipIf(!hasSchemas)('STIX bundles against the OASIS JSON schemas', () => {
  const schemas = hasSchemas ? loadSchemas() : null;
  const expectValid = (bundle: unknown) => {
    if (!schemas) throw new Error('no schemas');
    expect(schemas.bundle(bundle), JSON.stringify(schemas.bundle.errors)?.slice(0, 2000)).toBe(true);
    // The bundle schema accepts any object under its custom-object branch; check each against its own type too.
    for (const o of (bundle as StixBundle).objects) {
      const validate = schemas.forType(o.type);
      expect(validate, `a schema for ${o.type}`).toBeDefined();
      expect(validate?.(o), `${o.id}: ${JSON.stringify(validate?.errors)?.slice(0, 1000)}`).toBe(true);
    }
  };

  it('the mapper’s bundle validates, object by object', () => {
    expectValid(buildBundle(sampleBundleInput()));
    expectValid(buildBundle(sampleBundleInput({ tlp: 'red', claims: [], networks: [], officialAccounts: [] })));
  });

  it('the export route’s bundle, built from the stored records, validates', async () => {
    const res = await admin.post('/api/v1/integrity/sharing/export', everything);
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json() as StixBundle;
    expectValid(bundle);
    const producer = bundle.objects.find((o: StixObject) => o.type === 'identity');
    expect(producer?.name).toBeTruthy();
    // Every stored finding and the claim are reports, under their English titles; the records came from the database.
    const reports = bundle.objects.filter((o) => o.type === 'report').map((o) => o.name);
    expect(reports).toEqual(expect.arrayContaining(['The ministry sold the Natuna islands', '2 accounts shared 1 items within 30 s of each other', '@KemIuRI (x) looks like the official @KemluRI']));
    expect(bundle.objects.some((o) => o.type === 'indicator' && String(o.pattern).includes('campaign.example/p/0'))).toBe(true);
    expect(bundle.objects.filter((o) => o.type === 'user-account').map((o) => o.account_login)).toEqual(expect.arrayContaining(['kemiuri', 'kemluri', 'a', 'b']));
  });

  it('exports only what is chosen: findings by id, and nothing when the ids are not the caller’s records', async () => {
    const one = await admin.post('/api/v1/integrity/sharing/export/preview', { tlp: 'green', findings: { ids: [stored.impersonation] } });
    expect(one.json()).toMatchObject({ findings: 1, claims: 0, networks: 0, officialAccounts: 0 });
    const unknown = await admin.post('/api/v1/integrity/sharing/export/preview', { tlp: 'green', findings: { ids: [newIdFor()] } });
    expect(unknown.json()).toMatchObject({ findings: 0, claims: 0 });
    const all = await admin.post('/api/v1/integrity/sharing/export/preview', everything);
    expect(all.json()).toMatchObject({ findings: 3, claims: 1, networks: 1, officialAccounts: 1 });
    const nothing = await admin.post('/api/v1/integrity/sharing/export', { tlp: 'green' });
    expect(nothing.statusCode).toBe(400);
  });

  it('sees a broken object as invalid (the check is not vacuous)', () => {
    const bundle = buildBundle(sampleBundleInput());
    const indicator = bundle.objects.find((o) => o.type === 'indicator');
    if (!indicator) throw new Error('sample has indicators');
    delete indicator.pattern;
    expect(schemas?.bundle(bundle)).toBe(false);
  });
});

describe.skipIf(!hasSchemas)('the OASIS example bundles import', () => {
  it.each(exampleFiles())('%s', async (file) => {
    const body = JSON.parse(fs.readFileSync(path.join(stixRoot, 'examples', file), 'utf8')) as Record<string, unknown>;
    const total = body.type === 'bundle' ? (body.objects as unknown[]).length : 1;
    const res = await admin.post(`/api/v1/integrity/sharing/collections/${collectionId}/import`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ total, failures: [] });
    expect(res.json().stored + res.json().alreadyPresent).toBe(total);
    const again = await admin.post(`/api/v1/integrity/sharing/collections/${collectionId}/import`, body);
    expect(again.json()).toMatchObject({ total, stored: 0, alreadyPresent: total });
  });
});

describe('importing and publishing', () => {
  it('refuses a bad bundle whole, says why per object, and stores nothing of it', async () => {
    const before = await objectCount();
    const good = buildBundle(sampleBundleInput()).objects.slice(0, 5);
    const bad = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [...good, { type: 'report', spec_version: '2.1', id: 'report--1', created: 'yesterday' }, { type: 'campaign', spec_version: '2.0', id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }] };
    const res = await admin.post(`/api/v1/integrity/sharing/collections/${collectionId}/import`, bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('sharing-bundle.invalid');
    const failures = res.json().error.details.failures as { id: string; message: string }[];
    expect(failures.map((f) => f.id)).toEqual(['report--1', 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f']);
    expect(failures[1]?.message).toContain('2.1');
    for (const notBundle of [{ hello: 'world' }, { type: 'bundle', id: 'bundle--x' }, { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [] }]) {
      const r = await admin.post(`/api/v1/integrity/sharing/collections/${collectionId}/import`, notBundle);
      expect(r.statusCode, JSON.stringify(notBundle)).toBe(422);
      expect(r.json().error.message.length).toBeGreaterThan(10);
    }
    expect(await objectCount()).toBe(before);
  });

  it('publishes records as STIX; a re-publish adds nothing, a changed record adds its new version', async () => {
    const created = await admin.post('/api/v1/integrity/sharing/collections', { title: 'Our findings', description: null, alias: 'our-findings' });
    const target = created.json().id as string;
    const body = { ...everything, tlp: 'green' };
    const versionsOf = async () => new Map(((await admin.post('/api/v1/integrity/sharing/export', body)).json() as StixBundle).objects.map((o) => [o.id, o.modified ?? o.created]));
    const before = await versionsOf();
    const first = await admin.post(`/api/v1/integrity/sharing/collections/${target}/publish`, body);
    expect(first.statusCode, first.body).toBe(201);
    const total = first.json().total as number;
    expect(first.json().stored).toBe(total);
    const again = await admin.post(`/api/v1/integrity/sharing/collections/${target}/publish`, body);
    expect(again.json()).toMatchObject({ stored: 0, alreadyPresent: total });
    // The stored finding changes (a triage): exactly the objects drawn from it are new versions.
    await new Promise((r) => setTimeout(r, 5));
    expect((await admin.post(`/api/v1/integrity/findings/${stored.impersonation}/triage`, { severity: 'critical' })).statusCode).toBe(200);
    const third = await admin.post(`/api/v1/integrity/sharing/collections/${target}/publish`, body);
    const after = await versionsOf();
    const changedObjects = [...after].filter(([id, version]) => before.get(id) !== version);
    expect(changedObjects.map(([id]) => id.split('--')[0])).toContain('report');
    expect(third.json().stored).toBe(changedObjects.length);
    expect(third.json().stored).toBeLessThan(total / 4);
    const published = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'sharing.published'));
    expect(published.map((e) => (e.summary as { stored: number }).stored)).toEqual([total, 0, third.json().stored]);
  });

  it('is for staff holding integrity.manage only', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/integrity/sharing/export', payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
