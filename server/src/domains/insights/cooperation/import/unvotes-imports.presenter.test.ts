import { describe, expect, it } from 'vitest';
import { systemActor } from '../../../../platform/audit/audit.ts';
import { presentUnVotesImport } from './unvotes-imports.presenter.ts';
import type { UnVotesImportRow } from './unvotes-imports.repo.ts';

const at = new Date('2025-03-01T08:00:00Z');
const row = (patch: Partial<UnVotesImportRow> = {}): UnVotesImportRow => ({
  id: '0195a000-0000-7000-8000-000000000001',
  part: 'votes',
  fileName: 'un_votes.csv.gz',
  storageKey: 'ab/0195a000-0000-7000-8000-000000000002',
  sizeBytes: 1000,
  status: 'queued',
  bytesChecked: 0,
  rowsRead: 0,
  rowsToStore: null,
  rowsStored: 0,
  added: 0,
  changed: 0,
  result: null,
  idealPoints: false,
  error: null,
  actor: systemActor('test'),
  createdAt: at,
  updatedAt: at,
  finishedAt: null,
  ...patch,
});
const result = { part: 'votes' as const, rows: 10, added: 10, changed: 0, unchanged: 0, skipped: 0, rollCallsWithoutDescription: 0 };

describe('presentUnVotesImport', () => {
  it('fills one bar over the phases: checking 15 %, storing 75 %, computing ideal points 10 %', () => {
    expect(presentUnVotesImport(row(), null)).toMatchObject({ status: 'queued', percent: 0, idealPoints: null });
    expect(presentUnVotesImport(row({ status: 'checking', bytesChecked: 500 }), null)).toMatchObject({ status: 'checking', percent: 7 });
    expect(presentUnVotesImport(row({ status: 'storing', bytesChecked: 1000, rowsToStore: 200, rowsStored: 100 }), null)).toMatchObject({ status: 'storing', percent: 52 });
    const stored = row({ status: 'stored', rowsToStore: 200, rowsStored: 200, result, idealPoints: true, finishedAt: at });
    expect(presentUnVotesImport(stored, { state: 'running', done: 5, total: 10 })).toMatchObject({ status: 'computing', percent: 95, idealPoints: { state: 'running', done: 5, total: 10 } });
    expect(presentUnVotesImport(stored, { state: 'done', done: 10, total: 10 })).toMatchObject({ status: 'done', percent: 100, result, finishedAt: at.toISOString() });
  });

  it('never shows 100 % before the end, even with nothing to store', () => {
    expect(presentUnVotesImport(row({ status: 'storing', bytesChecked: 1000, rowsToStore: 0 }), null).percent).toBe(90);
    expect(presentUnVotesImport(row({ status: 'stored', rowsToStore: 0, result, idealPoints: true }), { state: 'running', done: 10, total: 10 }).percent).toBe(99);
  });

  it('counts an import done when its recomputation failed (its rows are stored) or needs none', () => {
    const stored = row({ status: 'stored', result, finishedAt: at });
    expect(presentUnVotesImport(stored, null)).toMatchObject({ status: 'done', idealPoints: null });
    expect(presentUnVotesImport({ ...stored, idealPoints: true }, { state: 'failed', done: 3, total: 10 })).toMatchObject({ status: 'done', idealPoints: { state: 'failed' } });
  });

  it('keeps a failed import where it stopped, with its error', () => {
    const error = { code: 'invalid-file' as const, message: 'Line 7 of the votes file: …', problem: { part: 'votes' as const, line: 7, column: 'vote', value: 'maybe' } };
    expect(presentUnVotesImport(row({ status: 'failed', bytesChecked: 400, error, finishedAt: at }), null)).toMatchObject({ status: 'failed', percent: 6, error, result: null });
  });
});
