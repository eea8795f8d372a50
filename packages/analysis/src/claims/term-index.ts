// An inverted index over numbered documents with BM25 statistics kept up to date as documents come
// and go: nothing is rebuilt, and a score always reflects the current collection.

/**
 * The collection size idf assumes at least. The re-ranker learnt its weights on a registry of some
 * 10,000 claims; a workspace's registry starts with a handful, where every word's idf would be near
 * zero and a verbatim copy of a claim would score like noise. Below this size a word is weighed as
 * rare as it would be in a registry of this size, so scores mean the same from the first claim on.
 */
const IDF_MIN_COLLECTION = 10_000;

/**
 * One term's posting list. `idf` caches its idf for the collection size `idfAt` and document
 * frequency `idfDf`; `stamp` and `weight` mark it as a term of the query being scored (see `prepare`),
 * so that scoring a document reads properties instead of looking strings up.
 */
type Postings = { term: string; docs: number[]; tfs: number[]; idf: number; idfAt: number; idfDf: number; stamp: number; weight: number };

/** A stored document: the posting list of each of its distinct terms and its count of each. */
type Entry = { postings: Postings[]; tfs: number[] };

export type Bm25Params = { k1: number; b: number };

/** A query ready to score: its known terms' posting lists and `mass`, Σ idf × weight over all its terms. */
export type PreparedQuery = { postings: Postings[]; mass: number; stamp: number };

/** Counts of each term in a list. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export class TermIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private readonly entries = new Map<number, Entry>();
  private totalLength = 0;
  private stamp = 0;
  private readonly params: Bm25Params;

  constructor(params: Bm25Params = { k1: 1.2, b: 0.75 }) {
    this.params = params;
  }

  get documentCount(): number {
    return this.entries.size;
  }

  /** Adds (or replaces) document `doc` with the given terms. */
  add(doc: number, terms: readonly string[]): void {
    if (this.entries.has(doc)) this.remove(doc);
    const entry: Entry = { postings: [], tfs: [] };
    for (const [term, tf] of termCounts(terms)) {
      let p = this.postings.get(term);
      if (!p) {
        p = { term, docs: [], tfs: [], idf: 0, idfAt: -1, idfDf: -1, stamp: 0, weight: 0 };
        this.postings.set(term, p);
      }
      p.docs.push(doc);
      p.tfs.push(tf);
      entry.postings.push(p);
      entry.tfs.push(tf);
    }
    this.entries.set(doc, entry);
    this.lengths[doc] = terms.length;
    this.totalLength += terms.length;
  }

  /** Removes document `doc`; a no-op when absent. */
  remove(doc: number): void {
    const entry = this.entries.get(doc);
    if (!entry) return;
    this.entries.delete(doc);
    this.totalLength -= this.lengths[doc] ?? 0;
    this.lengths[doc] = 0;
    for (const p of entry.postings) {
      const at = p.docs.indexOf(doc);
      if (at < 0) continue;
      // Order inside a posting list does not matter: swap with the last and pop.
      const last = p.docs.length - 1;
      p.docs[at] = p.docs[last]!;
      p.tfs[at] = p.tfs[last]!;
      p.docs.pop();
      p.tfs.pop();
      if (p.docs.length === 0) this.postings.delete(p.term);
    }
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  private idfOf(df: number): number {
    const n = Math.max(this.entries.size, IDF_MIN_COLLECTION);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private postingIdf(p: Postings): number {
    if (p.idfAt !== this.entries.size || p.idfDf !== p.docs.length) {
      p.idf = this.idfOf(p.docs.length);
      p.idfAt = this.entries.size;
      p.idfDf = p.docs.length;
    }
    return p.idf;
  }

  /** BM25 idf, in the non-negative form (ln(1 + (N − df + ½)/(df + ½))). */
  idf(term: string): number {
    return this.idfOf(this.documentFrequency(term));
  }

  private norm(doc: number): number {
    const { k1, b } = this.params;
    const avg = this.totalLength / this.entries.size || 1;
    return k1 * (1 - b + (b * (this.lengths[doc] ?? 0)) / avg);
  }

  /**
   * Makes `query` (term → weight) the query that `accumulate`, `scoreDocument` and `overlap` score,
   * until the next call. A term no document has counts in `mass` at the highest idf: a claim that
   * lacks the post's rarest words accounts for less of the post, not more.
   */
  prepare(query: ReadonlyMap<string, number>): PreparedQuery {
    const stamp = ++this.stamp;
    const postings: Postings[] = [];
    const unseen = this.idfOf(0);
    let mass = 0;
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) {
        mass += unseen * weight;
        continue;
      }
      p.stamp = stamp;
      p.weight = this.postingIdf(p) * weight;
      mass += p.weight;
      postings.push(p);
    }
    return { postings, mass, stamp };
  }

  /**
   * Adds each document's BM25 score for the prepared query to `scores[doc]`, and lists the documents
   * first touched in `touched` (so a caller can reset only those). With `commonDf`, terms in more
   * documents than that are left out (`part` 'rare') or only added to documents already touched
   * (`part` 'common'): a document that shares nothing but common words with the query is never a
   * candidate, and the long posting lists of common words cost no new entries.
   */
  accumulate(query: PreparedQuery, scores: Float64Array, touched: number[], seen: Uint8Array, part: 'all' | 'rare' | 'common' = 'all', commonDf = Number.POSITIVE_INFINITY): void {
    if (this.entries.size === 0) return;
    const { k1, b } = this.params;
    // norm(doc) = c0 + c1 · length(doc), hoisted out of the loop over postings.
    const c0 = k1 * (1 - b);
    const c1 = (k1 * b) / (this.totalLength / this.entries.size || 1);
    const lengths = this.lengths;
    for (const p of query.postings) {
      const { docs, tfs } = p;
      const common = docs.length > commonDf;
      if ((part === 'rare' && common) || (part === 'common' && !common)) continue;
      const w = p.weight * (k1 + 1);
      if (part === 'common') {
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (seen[doc] === 0) continue;
          const tf = tfs[i]!;
          scores[doc]! += (w * tf) / (tf + c0 + c1 * lengths[doc]!);
        }
        continue;
      }
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        scores[doc]! += (w * tf) / (tf + c0 + c1 * lengths[doc]!);
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
      }
    }
  }

  /** The BM25 score of one document for the prepared query. */
  scoreDocument(doc: number, query: PreparedQuery): number {
    const entry = this.entries.get(doc);
    if (!entry) return 0;
    const { k1 } = this.params;
    const norm = this.norm(doc);
    let s = 0;
    for (let i = 0; i < entry.postings.length; i++) {
      const p = entry.postings[i]!;
      if (p.stamp !== query.stamp) continue;
      const tf = entry.tfs[i]!;
      s += (p.weight * tf * (k1 + 1)) / (tf + norm);
    }
    return s;
  }

  /** Σ idf over a document's distinct terms, and over those of them the prepared query has. */
  overlap(doc: number, query: PreparedQuery): { total: number; shared: number } {
    const entry = this.entries.get(doc);
    let total = 0;
    let shared = 0;
    if (entry) {
      for (const p of entry.postings) {
        const idf = this.postingIdf(p);
        total += idf;
        if (p.stamp === query.stamp) shared += idf;
      }
    }
    return { total, shared };
  }
}
