// An inverted index over numbered documents with BM25 statistics kept up to date as documents come
// and go: nothing is rebuilt, and a score always reflects the current collection.

type Postings = { docs: number[]; tfs: number[] };

export type Bm25Params = { k1: number; b: number };

/** Counts of each term in a list: the bag the index stores for one document. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export class TermIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private readonly bags = new Map<number, Map<string, number>>();
  private totalLength = 0;
  private readonly params: Bm25Params;

  constructor(params: Bm25Params = { k1: 1.2, b: 0.75 }) {
    this.params = params;
  }

  get documentCount(): number {
    return this.bags.size;
  }

  /** Adds (or replaces) document `doc` with the given terms. */
  add(doc: number, terms: readonly string[]): void {
    if (this.bags.has(doc)) this.remove(doc);
    const bag = termCounts(terms);
    this.bags.set(doc, bag);
    this.lengths[doc] = terms.length;
    this.totalLength += terms.length;
    for (const [term, tf] of bag) {
      let p = this.postings.get(term);
      if (!p) {
        p = { docs: [], tfs: [] };
        this.postings.set(term, p);
      }
      p.docs.push(doc);
      p.tfs.push(tf);
    }
  }

  /** Removes document `doc`; a no-op when absent. */
  remove(doc: number): void {
    const bag = this.bags.get(doc);
    if (!bag) return;
    this.bags.delete(doc);
    this.totalLength -= this.lengths[doc] ?? 0;
    this.lengths[doc] = 0;
    for (const term of bag.keys()) {
      const p = this.postings.get(term);
      if (!p) continue;
      const at = p.docs.indexOf(doc);
      if (at < 0) continue;
      // Order inside a posting list does not matter: swap with the last and pop.
      const last = p.docs.length - 1;
      p.docs[at] = p.docs[last]!;
      p.tfs[at] = p.tfs[last]!;
      p.docs.pop();
      p.tfs.pop();
      if (p.docs.length === 0) this.postings.delete(term);
    }
  }

  /** Σ idf over a document's distinct terms, and over those of them the query has. */
  overlap(doc: number, query: ReadonlyMap<string, number>): { total: number; shared: number } {
    const bag = this.bags.get(doc);
    let total = 0;
    let shared = 0;
    if (bag) {
      for (const term of bag.keys()) {
        const idf = this.idf(term);
        total += idf;
        if (query.has(term)) shared += idf;
      }
    }
    return { total, shared };
  }

  /** The stored bag of a document (term → count). */
  bag(doc: number): ReadonlyMap<string, number> | undefined {
    return this.bags.get(doc);
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** BM25 idf, in the non-negative form (ln(1 + (N − df + ½)/(df + ½))). */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    const n = this.bags.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds each document's BM25 score for the weighted query terms to `scores[doc]`, and lists the
   * documents first touched in `touched` (so a caller can reset only those).
   */
  accumulate(query: ReadonlyMap<string, number>, scores: Float64Array, touched: number[], seen: Uint8Array): void {
    const { k1, b } = this.params;
    const n = this.bags.size;
    if (n === 0) return;
    const avg = this.totalLength / n || 1;
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)) * weight;
      const { docs, tfs } = p;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        const norm = k1 * (1 - b + (b * (this.lengths[doc] ?? 0)) / avg);
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + norm);
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
      }
    }
  }

  /**
   * The BM25 score of one document for a query given as term → idf × weight (`queryIdf`): the
   * document's own terms are walked, which is cheaper when documents are shorter than queries.
   */
  scoreDocument(doc: number, queryIdf: ReadonlyMap<string, number>): number {
    const bag = this.bags.get(doc);
    if (!bag) return 0;
    const { k1, b } = this.params;
    const avg = this.totalLength / this.bags.size || 1;
    const norm = k1 * (1 - b + (b * (this.lengths[doc] ?? 0)) / avg);
    let s = 0;
    for (const [term, tf] of bag) {
      const w = queryIdf.get(term);
      if (w !== undefined) s += (w * tf * (k1 + 1)) / (tf + norm);
    }
    return s;
  }

  /**
   * The query as term → idf × weight over the terms the index knows, and `mass`, the sum over every
   * query term: a term no document has counts at the highest idf, since a claim that lacks the post's
   * rarest words accounts for less of it, not more.
   */
  weigh(query: ReadonlyMap<string, number>): { weights: Map<string, number>; mass: number } {
    const weights = new Map<string, number>();
    let mass = 0;
    for (const [term, weight] of query) {
      const w = this.idf(term) * weight;
      mass += w;
      if (this.documentFrequency(term) > 0) weights.set(term, w);
    }
    return { weights, mass };
  }
}
