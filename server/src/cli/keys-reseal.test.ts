import { getTableColumns, getTableName, isTable } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema.ts';
import { allSealedColumns } from './keys-reseal.ts';

describe('keys reseal', () => {
  it('knows every column that holds sealed values, so a rotation leaves none under the old key', async () => {
    const sealedByName = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => isTable(t))
      .flatMap((table) => Object.values(getTableColumns(table)).map((c) => `${getTableName(table)}.${c.name}`))
      .filter((name) => /_(sealed|enc)$/.test(name));
    // Fedify's queue keeps its sealed messages in a JSON column.
    const expected = [...sealedByName, 'federation_queue.message'].sort();
    expect((await allSealedColumns()).map((c) => c.name).sort()).toEqual(expected);
    // Loading every domain takes seconds on a busy machine.
  }, 60_000);
});
