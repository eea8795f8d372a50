// The mapping screen's view of a file: its columns, a suggestion, and the first rows read exactly
// as the import will read them — so a person sees what each row becomes, and which are rejected,
// before anything is stored.
import { type ImportFormat, type ImportMapping, type ImportPreview, importRecords, previewImport } from '@diplodesk/connector-import';
import { type ImportDraftMappingDto, type ImportPreviewDto, type ImportPreviewRowDto, importFields } from '@diplodesk/contracts';

export const PREVIEW_ROWS = 10;
const SAMPLE_ROWS = 5;
const SHOWN_CHARS = 200;

/** Every field present, unmapped ones as null (how the mapping is stored and sent to the page). */
export function draftMapping(mapping: Partial<Record<string, string | null | undefined>>): ImportDraftMappingDto {
  return Object.fromEntries(importFields.map((f) => [f, mapping[f] || null])) as ImportDraftMappingDto;
}

/** The reader's mapping: unmapped fields left out; null while no column holds the text. */
export function readerMapping(mapping: ImportDraftMappingDto): ImportMapping | null {
  if (!mapping.text) return null;
  const out: Record<string, string> = {};
  for (const field of importFields) {
    const column = mapping[field];
    if (column) out[field] = column;
  }
  return out as unknown as ImportMapping;
}

export function mappingProblem(mapping: ImportDraftMappingDto, columns: string[]): ImportPreviewDto['mappingProblem'] {
  if (!mapping.text) return 'text-missing';
  const known = new Set(columns);
  return importFields.some((f) => mapping[f] && !known.has(mapping[f] as string)) ? 'unknown-column' : null;
}

export type FileShape = { format: ImportFormat; delimiter: string | null; columns: string[]; suggestedMapping: ImportDraftMappingDto; sample: Record<string, string>[] };

/** Format, delimiter, columns and suggestion from the first bytes; the format follows the content. */
export function readShape(head: Uint8Array, isComplete: boolean, fileName: string): FileShape {
  const preview: ImportPreview = previewImport(head, { isComplete });
  const format: ImportFormat = preview.format === 'jsonl' && /\.ndjson$/i.test(fileName) ? 'ndjson' : preview.format;
  const sample = preview.sampleRows.slice(0, SAMPLE_ROWS).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.slice(0, SHOWN_CHARS)])));
  return { format, delimiter: preview.delimiter ?? null, columns: preview.columns, suggestedMapping: draftMapping(preview.suggestedMapping), sample };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The first rows read with `mapping`, as the import will read them. */
export async function previewRows(head: Uint8Array, isComplete: boolean, shape: Pick<FileShape, 'format' | 'delimiter'>, mapping: ImportMapping, defaultPublishedAt: string): Promise<ImportPreviewRowDto[]> {
  const run = importRecords(once(head), { format: shape.format, mapping, ...(shape.delimiter ? { delimiter: shape.delimiter } : {}), defaultPublishedAt });
  const rows: ImportPreviewRowDto[] = [];
  for await (const result of run) {
    // The last row of a partial read may be cut short: it is not shown rather than shown wrong.
    if (!isComplete && result.position.offset >= head.length) break;
    if ('item' in result) {
      const { item } = result;
      const raw = item.raw as { title?: string } | undefined;
      rows.push({
        row: result.position.row,
        item: {
          text: item.text.slice(0, 500),
          publishedAt: item.publishedAt,
          url: item.url ?? null,
          author: item.author?.handle ?? null,
          title: raw?.title ?? null,
          language: item.language ?? null,
          remoteId: item.remoteId,
        },
        problem: null,
      });
    } else {
      const { rejected } = result;
      rows.push({ row: rejected.row, item: null, problem: { reason: rejected.reason, detail: rejected.detail, line: rejected.line, raw: rejected.raw } });
    }
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return rows;
}

/** The whole preview for a mapping; rows are read only when the mapping can be used. */
export async function buildPreview(
  head: Uint8Array,
  isComplete: boolean,
  shape: FileShape,
  mapping: ImportDraftMappingDto,
  opts: { defaultPublishedAt: string; convertedFrom: string | null },
): Promise<ImportPreviewDto> {
  const problem = mappingProblem(mapping, shape.columns);
  const usable = problem === null ? readerMapping(mapping) : null;
  return {
    format: shape.format,
    delimiter: shape.delimiter,
    convertedFrom: opts.convertedFrom,
    columns: shape.columns,
    suggestedMapping: shape.suggestedMapping,
    mapping,
    mappingProblem: problem,
    rows: usable ? await previewRows(head, isComplete, shape, usable, opts.defaultPublishedAt) : [],
    sample: shape.sample,
  };
}
