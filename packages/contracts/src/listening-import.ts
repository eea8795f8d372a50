import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';

/** The largest file the web import takes (the command line has no limit). */
export const importMaxBytes = 200 * 1024 * 1024;

export const importFormats = ['csv', 'jsonl', 'ndjson'] as const;
/** `expired`: uploaded, never started, and removed after a day. */
export const importStatuses = ['ready', 'running', 'done', 'failed', 'cancelled', 'expired'] as const;
export type ImportStatusDto = (typeof importStatuses)[number];

/** Item fields a column can feed; `text` is the only one required. */
export const importFields = ['text', 'publishedAt', 'url', 'author', 'title', 'language', 'remoteId'] as const;
export type ImportField = (typeof importFields)[number];

/** Why a row is not imported: the reader's stable codes (translated in the web app). */
export const importRejectReasons = [
  'invalid-utf8',
  'invalid-json',
  'not-an-object',
  'column-count',
  'unclosed-quote',
  'malformed-quote',
  'record-too-large',
  'empty-text',
  'control-characters',
  'missing-date',
  'invalid-date',
] as const;

/** Why an upload is refused (`details.reason` of the error), so the page can say what to do. */
export const importUploadProblems = ['empty', 'binary', 'no-columns', 'too-large'] as const;
export type ImportUploadProblem = (typeof importUploadProblems)[number];

const column = z.string().min(1).max(500);

/** Which column of the file feeds each item field; JSON Lines columns may be dotted paths. */
export const importMappingDto = z.object({
  text: column,
  publishedAt: column.nullish(),
  url: column.nullish(),
  author: column.nullish(),
  title: column.nullish(),
  language: column.nullish(),
  remoteId: column.nullish(),
});
export type ImportMappingDto = z.infer<typeof importMappingDto>;

/** A mapping being edited: the text may still be unchosen. */
export const importDraftMappingDto = importMappingDto.extend({ text: column.nullish() });
export type ImportDraftMappingDto = z.infer<typeof importDraftMappingDto>;

export const importMappingRequest = z.object({ mapping: importDraftMappingDto });
export const startImportRequest = z.object({ mapping: importMappingDto });

/** One previewed row: what it becomes, or why it would be rejected. */
export const importPreviewRowDto = z.object({
  row: z.number().int(),
  item: z
    .object({
      text: z.string(),
      publishedAt: isoDateTime,
      url: z.string().nullable(),
      author: z.string().nullable(),
      title: z.string().nullable(),
      language: z.string().nullable(),
      remoteId: z.string(),
    })
    .nullable(),
  problem: z.object({ reason: z.string(), detail: z.string(), line: z.number().int(), raw: z.string() }).nullable(),
});
export type ImportPreviewRowDto = z.infer<typeof importPreviewRowDto>;

export const importPreviewDto = z.object({
  format: z.enum(importFormats),
  delimiter: z.string().nullable(),
  /** The file was in a legacy encoding and was stored converted to UTF-8. */
  convertedFrom: z.string().nullable(),
  columns: z.array(z.string()),
  /** The suggestion made when the file was read (the page starts from it). */
  suggestedMapping: importDraftMappingDto,
  /** The mapping these rows were read with. */
  mapping: importDraftMappingDto,
  /** Why nothing can be read with this mapping (e.g. no column for the text), or null. */
  mappingProblem: z.enum(['text-missing', 'unknown-column']).nullable(),
  rows: z.array(importPreviewRowDto),
  /** The first rows as the file has them, column by column (values cut at 200 characters). */
  sample: z.array(z.record(z.string(), z.string())),
});
export type ImportPreviewDto = z.infer<typeof importPreviewDto>;

export const importDto = z.object({
  id: uuid,
  unitId: uuid,
  /** The import source its items belong to (set when it starts): search with `sources=<id>`. */
  sourceId: uuid.nullable(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  format: z.enum(importFormats),
  delimiter: z.string().nullable(),
  mapping: importDraftMappingDto,
  status: z.enum(importStatuses),
  bytesRead: z.number().int(),
  percent: z.number().int().min(0).max(100),
  rowsRead: z.number().int(),
  rejected: z.number().int(),
  reasons: z.record(z.string(), z.number().int()),
  /** Rows handed to analysis (read and not rejected). */
  appended: z.number().int(),
  /** New items of this import now stored (analysis runs after reading, so this trails `appended`). */
  stored: z.number().int(),
  /** Items already present, known once analysis has caught up (`settled`); null before. */
  duplicates: z.number().int().nullable(),
  settled: z.boolean(),
  hasRejectedReport: z.boolean(),
  /** Rows kept in the report (it holds the first rejected rows up to a limit). */
  rejectedInReport: z.number().int(),
  /** Why it failed: a stable code and the reader's own words. */
  error: z.object({ code: z.enum(['file-missing', 'unreadable', 'failed']), detail: z.string() }).nullable(),
  createdAt: isoDateTime,
  /** Who uploaded it (the name as it is now). */
  createdBy: z.object({ id: uuid.nullable(), name: z.string() }),
  /** When an upload nobody started is discarded with its file; null once it started or ended. */
  expiresAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  policies: z.object({ start: z.boolean(), cancel: z.boolean() }),
});
export type ImportDto = z.infer<typeof importDto>;

export const importUploadResponse = z.object({ import: importDto, preview: importPreviewDto });
export type ImportUploadResponse = z.infer<typeof importUploadResponse>;

export const importListQuery = z.object({ unitId: uuid.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const importListResponse = z.object({ items: z.array(importDto), policies: z.object({ create: z.boolean() }) });
export type ImportListDto = z.infer<typeof importListResponse>;

export const importUploadQuery = z.object({ unitId: uuid });
