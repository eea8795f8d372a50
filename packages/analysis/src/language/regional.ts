// The member of the Malay family of Indonesia (Indonesian, Malay, Javanese, Sundanese, Minangkabau,
// Balinese, Acehnese, Banjar) from character n-grams. lid.176 knows only the first five and reads
// the rest, and much Minangkabau, as Indonesian; it also splits short Javanese or Sundanese
// sentences between four labels and drops them under the confidence floor. This model is a
// multinomial naive Bayes over the n-grams of each word, learnt by scripts/build-regional-model.ts
// (see README-regional-model.md beside the model for the data and its licence).

/** The model as stored: smoothed log P(feature | class) × SCALE, rounded, one row per feature. */
export type RegionalModelData = {
  classes: string[];
  /** n-gram orders taken from each word padded with '_' */
  orders: number[];
  scale: number;
  /** feature → one integer per class (log-probability × scale) */
  features: Record<string, number[]>;
  /** log prior × scale per class */
  priors: number[];
};

export type RegionalGuess = { language: string; probability: number };

export type RegionalModel = {
  classes: readonly string[];
  /** Posterior over the classes, best first. */
  classify(text: string): RegionalGuess[];
};

const WORD_RE = /\p{L}+/gu;

/** The n-grams of each lower-cased word padded with '_' (a word is a run of letters). */
export function regionalFeatures(text: string, orders: readonly number[], visit: (feature: string) => void): void {
  for (const match of text.toLowerCase().matchAll(WORD_RE)) {
    const w = `_${match[0]}_`;
    for (const n of orders) {
      for (let i = 0; i + n <= w.length; i++) visit(w.slice(i, i + n));
    }
  }
}

// FNV-1a over UTF-16 code units: the classifier hashes n-grams as it walks a word instead of
// slicing a string per n-gram (the model runs on every Indonesian-looking item; slicing cost 40 %
// of the analysis throughput). An unseen n-gram colliding with a stored one in 32 bits is rare
// enough not to matter for a sum over dozens of n-grams.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Words read from one text: past a few dozen the member is decided, and the cost stays bounded. */
const MAX_WORDS = 32;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

type HashTable = { keys: Uint32Array; rows: Int32Array; mask: number };

function buildTable(hashes: number[]): HashTable {
  let size = 1;
  while (size < hashes.length * 3) size <<= 1;
  const keys = new Uint32Array(size);
  const rows = new Int32Array(size).fill(-1);
  hashes.forEach((h, row) => {
    let slot = h & (size - 1);
    while (rows[slot] !== -1) slot = (slot + 1) & (size - 1);
    keys[slot] = h;
    rows[slot] = row;
  });
  return { keys, rows, mask: size - 1 };
}

function lookup(table: HashTable, h: number): number {
  let slot = h & table.mask;
  for (;;) {
    const row = table.rows[slot]!;
    if (row === -1 || table.keys[slot] === h) return row;
    slot = (slot + 1) & table.mask;
  }
}

/**
 * Wraps stored model data in a classifier. Overlapping n-grams are not independent, so the summed
 * log-likelihood is divided by `dependence` (about the number of n-grams one letter takes part in)
 * before the softmax: the posterior then reads as a probability instead of a near-certain 0 or 1.
 * `logPriors` (natural log, per class) adds what the stream is expected to hold.
 */
export function createRegionalModel(data: RegionalModelData, options: { dependence?: number; logPriors?: Readonly<Record<string, number>> } = {}): RegionalModel {
  const k = data.classes.length;
  const boost = data.classes.map((c) => options.logPriors?.[c] ?? 0);
  const names = Object.keys(data.features);
  const weights = new Int16Array(names.length * k);
  names.forEach((f, row) => {
    weights.set(data.features[f]!, row * k);
  });
  const table = buildTable(names.map(hashString));
  const isOrder = new Uint8Array(Math.max(...data.orders) + 1);
  for (const n of data.orders) isOrder[n] = 1;
  const maxOrder = Math.max(...data.orders);
  const minOrder = Math.min(...data.orders);
  const dependence = options.dependence ?? data.orders.length;
  const sums = new Float64Array(k);
  const UNDERSCORE = 95;

  function addRow(h: number): boolean {
    const row = lookup(table, h >>> 0);
    if (row === -1) return false;
    const base = row * k;
    for (let c = 0; c < k; c++) sums[c]! += weights[base + c]!;
    return true;
  }

  function classify(text: string): RegionalGuess[] {
    sums.fill(0);
    let seen = 0;
    let words = 0;
    for (const match of text.toLowerCase().matchAll(WORD_RE)) {
      if (++words > MAX_WORDS) break;
      const w = match[0];
      const len = w.length + 2;
      if (len < minOrder) continue;
      // Positions of the padded word `_w_`: 0 and len-1 are the underscores.
      for (let i = 0; i + minOrder <= len; i++) {
        let h = FNV_OFFSET;
        for (let n = 1; n <= maxOrder && i + n <= len; n++) {
          const p = i + n - 1;
          const code = p === 0 || p === len - 1 ? UNDERSCORE : w.charCodeAt(p - 1);
          h = Math.imul(h ^ code, FNV_PRIME);
          if (isOrder[n] === 1 && addRow(h)) seen++;
        }
      }
    }
    const logits = data.classes.map((_, c) => (sums[c]! / dependence + (seen > 0 ? data.priors[c]! : 0)) / data.scale + boost[c]!);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const total = exps.reduce((a, b) => a + b, 0);
    return data.classes
      .map((language, c) => ({ language, probability: exps[c]! / total }))
      .sort((a, b) => b.probability - a.probability);
  }

  return { classes: data.classes, classify };
}
