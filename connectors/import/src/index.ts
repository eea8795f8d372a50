import { defineConnector } from '@diplodesk/connector-sdk';
import { createImportSource } from './import-source.ts';

export { CsvRecordReader, sniffDelimiter } from './csv-reader.ts';
export { collectImport, formatRejectedReport, importRecords } from './import-records.ts';
export type { ImportOptions, ImportPosition, ImportProgress, ImportResult, ImportRun, ImportSummary, RejectedRow } from './import-records.ts';
export { createImportSource, IMPORT_BATCH_SIZE } from './import-source.ts';
export type { ImportBatch, ImportSource } from './import-source.ts';
export { JsonlRecordReader } from './jsonl-reader.ts';
export { parsePublishedAt } from './parse-date.ts';
export { previewImport } from './preview-import.ts';
export type { ImportFormat, ImportPreview, PreviewOptions } from './preview-import.ts';
export type { RejectReason } from './records.ts';
export { suggestMapping } from './suggest-mapping.ts';
export type { ImportMapping, MappingField } from './suggest-mapping.ts';

export default defineConnector(
  {
    id: 'import',
    name: 'File import (CSV, JSONL, NDJSON)',
    capabilities: ['ingest'],
    // A local file chosen by the user; nothing to sign in to.
    auth: 'none',
    docsUrl: 'https://www.rfc-editor.org/rfc/rfc4180',
  },
  { ingest: () => createImportSource() },
);
