// Reused between calls: names are short, and the detector compares each seen name with every official one.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
const counts = new Int32Array(128);

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two adjacent
 * characters each cost 1) over UTF-16 units, or `max + 1` as soon as it must exceed `max`. The
 * comparison keys are skeletons, so nearly always ASCII; an astral character counts as two units.
 * @example editDistance('kemluri', 'kemulri') // 1 (one swap)
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (Number.isFinite(max) && bagDistance(a, b) > max) return max + 1;
  if (rows[0]!.length <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** A lower bound of the edit distance: the ASCII letters each side has more of than the other, in O(n). */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) counts[c]!++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128) counts[c]!--;
  }
  // Each count is read once and cleared, so the table is all zero again for the next call.
  let extra = 0;
  let missing = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128 && counts[c]! > 0) {
      extra += counts[c]!;
      counts[c] = 0;
    }
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128 && counts[c]! < 0) {
      missing -= counts[c]!;
      counts[c] = 0;
    }
  }
  return Math.max(extra, missing);
}
