import fs from 'node:fs';
import path from 'node:path';
import type { IngestItem } from '@diplodesk/connector-sdk';
import { formatRejectedReport, type ImportFormat, type ImportMapping, importRecords, previewImport, type RejectedRow } from '@diplodesk/connector-import';
import type { Command } from 'commander';
import type { PlatformContext } from '../platform/context.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

const fields = ['remoteId', 'text', 'url', 'author', 'publishedAt', 'language', 'title'] as const;
const batchSize = 500;

/** `--map text=content,publishedAt=created_at` → mapping; unknown fields are a usage error. */
function parseMap(value: string | undefined): Partial<ImportMapping> | string {
  if (!value) return {};
  const out: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const [field, column] = pair.split('=').map((s) => s.trim());
    if (!field || !column || !(fields as readonly string[]).includes(field)) return `--map: "${pair}" is not field=column (fields: ${fields.join(', ')})`;
    out[field] = column;
  }
  return out as Partial<ImportMapping>;
}

/**
 * `diplodesk import <file>`: CSV, JSONL or NDJSON into the listening desk — the column mapping
 * previewed and suggested, progress on standard error, every row analysed and stored once (a
 * second import of the same file adds nothing), rejected rows reported with their reasons.
 */
export function registerImportCommand(program: Command, io: Io, withDatabase: WithDatabase, setExitCode: (code: number) => void): void {
  program
    .command('import')
    .description('Import posts or articles from a CSV, JSONL or NDJSON file into listening (analysed and stored once each).')
    .argument('<file>', 'the file to import')
    .option('--unit <code>', 'unit the items belong to (default: the organisation)')
    .option('--name <name>', 'name of the import source (default: the file name)')
    .option('--format <format>', 'csv, jsonl or ndjson (default: detected)')
    .option('--map <pairs>', 'column mapping, e.g. text=content,publishedAt=created_at,url=link (default: suggested from the header)')
    .option('--rejected <file>', 'write rejected rows with their reasons to this CSV file')
    .option('--dry-run', 'show the detected format, columns and mapping, import nothing')
    .action(async (file: string, opts: { unit?: string; name?: string; format?: string; map?: string; rejected?: string; dryRun?: boolean }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        io.err(`No such file: ${file}`);
        setExitCode(2);
        return;
      }
      if (opts.format && !['csv', 'jsonl', 'ndjson'].includes(opts.format)) {
        io.err('--format must be csv, jsonl or ndjson');
        setExitCode(2);
        return;
      }
      const mapped = parseMap(opts.map);
      if (typeof mapped === 'string') {
        io.err(mapped);
        setExitCode(2);
        return;
      }
      const size = fs.statSync(file).size;
      const head = Buffer.alloc(Math.min(size, 65_536));
      const fd = fs.openSync(file, 'r');
      fs.readSync(fd, head, 0, head.length, 0);
      fs.closeSync(fd);
      const preview = previewImport(new Uint8Array(head), { ...(opts.format ? { format: opts.format as ImportFormat } : {}), isComplete: size <= head.length });
      const mapping = { ...preview.suggestedMapping, ...mapped } as ImportMapping;
      io.out(`Format: ${preview.format}${preview.delimiter ? ` (delimiter ${JSON.stringify(preview.delimiter)})` : ''}; columns: ${preview.columns.join(', ')}`);
      io.out(`Mapping: ${Object.entries(mapping).filter(([, c]) => c).map(([f, c]) => `${f} ← ${c}`).join(', ') || '(none)'}`);
      if (!mapping.text) {
        io.err('No column for the text: name it with --map text=<column>.');
        setExitCode(2);
        return;
      }
      if (opts.dryRun) {
        setExitCode(0);
        return;
      }
      // The domains load only when the database is needed: a preview or a mistake answers at once.
      const [{ findRootUnit, findUnitByCode }, { createAnalyser, findImportSource, ingestBatch, insertSource }, { createIntegrityRuntime }] = await Promise.all([
        import('../domains/identity/index.ts'),
        import('../domains/listening/index.ts'),
        import('../domains/integrity/index.ts'),
      ]);
      // Imported items are matched against the claims registry as the server's ingest path does.
      const integrity = createIntegrityRuntime();
      await withDatabase(async (ctx) => {
        const unit = opts.unit ? await findUnitByCode(ctx.db, opts.unit) : await findRootUnit(ctx.db);
        if (!unit) {
          io.err(opts.unit ? `No unit with code ${opts.unit}.` : 'The organisation has no units yet; start the server once.');
          setExitCode(1);
          return;
        }
        const filePath = path.resolve(file);
        const source =
          (await findImportSource(ctx.db, unit.id, filePath)) ??
          (await insertSource(ctx.db, {
            unitId: unit.id,
            connector: 'import',
            name: opts.name ?? `Import: ${path.basename(file)}`,
            status: 'paused',
            config: { path: filePath, mapping: JSON.stringify(mapping), format: preview.format },
            tags: ['import'],
          }));
        const analyser = await createAnalyser();
        let lastShown = 0;
        const run = importRecords(fs.createReadStream(file), {
          format: preview.format,
          mapping,
          ...(preview.delimiter ? { delimiter: preview.delimiter } : {}),
          onProgress: ({ bytes, rows }) => {
            const now = Date.now();
            if (now - lastShown < 500 && bytes < size) return;
            lastShown = now;
            io.err(`  ${Math.min(100, Math.round((bytes / Math.max(size, 1)) * 100))} % — ${rows} rows read`);
          },
        });
        const rejected: RejectedRow[] = [];
        let batch: IngestItem[] = [];
        let stored = 0;
        let duplicates = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const result = await ingestBatch(ctx, analyser, source, batch, integrity.storedItems);
          stored += result.inserted.length;
          duplicates += result.skipped;
          batch = [];
        };
        for await (const record of run) {
          if ('item' in record) {
            batch.push(record.item);
            if (batch.length >= batchSize) await flush();
          } else if (rejected.length < 100_000) rejected.push(record.rejected);
        }
        await flush();
        const s = run.summary;
        io.out(`Read ${s.rows} rows: ${stored} new items stored, ${duplicates} already present or unusable, ${s.rejected} rejected.`);
        for (const [reason, count] of Object.entries(s.reasons)) io.out(`  rejected — ${reason}: ${count}`);
        if (opts.rejected && rejected.length > 0) {
          fs.writeFileSync(opts.rejected, formatRejectedReport(rejected));
          io.out(`Rejected rows written to ${opts.rejected}.`);
        }
        setExitCode(0);
      });
    });
}
