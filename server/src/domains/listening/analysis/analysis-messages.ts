// What the analysing worker and its analysis threads say to each other.
import type { Taxonomy } from '@diplodesk/analysis';
import type { ItemAnalysis } from '../analyse-item.ts';
import type { TopicModels } from '../topics/classify-item.ts';

export type AnalyseInput = { text: string; language?: string | undefined; countries?: string[] | undefined };
/** One item's analysis, or why the analyser threw on it (the item is then stored unanalysed). */
export type AnalyseOutcome = { analysis: ItemAnalysis } | { error: string };

export type ThreadRequest =
  | { kind: 'configure'; version: string; taxonomy: Taxonomy; models: TopicModels }
  | { kind: 'analyse'; id: number; version: string; items: AnalyseInput[] };

export type ThreadReply = { id: number; outcomes: AnalyseOutcome[] } | { id: number; failure: string };
