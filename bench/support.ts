// What several benchmarks share: a fresh PostgreSQL database per run, and percentiles.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** An empty database on the server at BENCH_PG_URL, named `diplodesk_bench_<label>_<random>`; drop() removes it. */
export async function freshPostgres(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `diplodesk_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
