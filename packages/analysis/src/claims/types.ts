/** A text of a claim in another language, indexed as more text of the same claim. */
export type ClaimTranslation = { language: string; text: string; title?: string };

/** A fact-checked claim as the matcher indexes it. */
export type ClaimInput = {
  id: string;
  /** The claim as reviewed ("5G towers spread the coronavirus"). */
  text: string;
  /** The fact-check's headline, when there is one. */
  title?: string;
  /** BCP 47 tag of `text` and `title`; guessed between English and Indonesian when absent. */
  language?: string;
  translations?: ClaimTranslation[];
};
