import type { StatementDiffResponse } from '@diplodesk/contracts';
import { diffWords } from 'diff';
import type { StatementContent } from '../statements.tables.ts';

type Segment = StatementDiffResponse['fields'][number]['segments'][number];

function segments(a: string, b: string): Segment[] {
  return diffWords(a, b).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}

/** Word-level differences between two versions, field by field (titles, bodies, channel variants). */
export function diffContents(from: StatementContent, to: StatementContent): StatementDiffResponse['fields'] {
  const fields: StatementDiffResponse['fields'] = [];
  const languages = [...new Set([...from.texts.map((t) => t.language), ...to.texts.map((t) => t.language)])];
  for (const language of languages) {
    const a = from.texts.find((t) => t.language === language);
    const b = to.texts.find((t) => t.language === language);
    for (const field of ['title', 'body'] as const) {
      const before = a?.[field] ?? '';
      const after = b?.[field] ?? '';
      fields.push({ field, language, segments: segments(before, after), changed: before !== after });
    }
  }
  const accounts = [...new Set([...from.variants.map((v) => v.channelAccountId), ...to.variants.map((v) => v.channelAccountId)])];
  for (const id of accounts) {
    const before = from.variants.find((v) => v.channelAccountId === id)?.text ?? '';
    const after = to.variants.find((v) => v.channelAccountId === id)?.text ?? '';
    fields.push({ field: `variant:${id}`, language: null, segments: segments(before, after), changed: before !== after });
  }
  const attachmentsBefore = [...from.attachmentIds].sort().join(',');
  const attachmentsAfter = [...to.attachmentIds].sort().join(',');
  fields.push({ field: 'attachments', language: null, segments: segments(attachmentsBefore, attachmentsAfter), changed: attachmentsBefore !== attachmentsAfter });
  return fields;
}
