/** One line of the evaluation table printed by `npm run eval`. */
export type EvalRow = {
  task: string;
  dataset: string;
  language: string;
  metric: string;
  value: number;
  baseline?: number;
  n: number;
  note?: string;
};
