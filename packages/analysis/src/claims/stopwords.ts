// Function words dropped from the word index. Only languages whose claims we expect in numbers have a
// list; elsewhere BM25's idf already gives such words almost no weight, and character n-grams carry
// the match. Lists are short on purpose: a negation ("not", "tidak") is kept, since "X is not Y" and
// "X is Y" are different claims.
const EN = `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves s t d ll m re ve via amp rt also`;

const ID = `ada adalah agar akan aku anda antara apa apakah atau bagi bahwa baik bisa begitu belum bila bukan cuma
dalam dan dari demi dengan di dia hal hanya harus ia ialah ini itu jadi jika juga kalau kami kamu karena ke kepada
kita lagi lalu maka masih mereka nya oleh pada para pun saat saja sama sang saya se sebagai sebelum sedang sehingga
sejak semua sendiri serta setelah si sudah supaya tapi telah tentang tersebut untuk walau yaitu yakni yang`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter((w) => w !== ''));
}

const LISTS: Record<string, ReadonlySet<string>> = { en: toSet(EN), id: toSet(ID), ms: toSet(ID) };

const NONE: ReadonlySet<string> = new Set();

/** The stop words of a language (its primary subtag), or an empty set when it has no list. */
export function stopwordsFor(language: string): ReadonlySet<string> {
  return LISTS[primaryTag(language)] ?? NONE;
}

/** The primary language subtag, lower-cased: `en-GB` → `en`, `und` when empty. */
export function primaryTag(language: string | undefined): string {
  const tag = (language ?? '').split(/[-_]/u)[0]?.toLowerCase() ?? '';
  return tag === '' ? 'und' : tag;
}

/** The listed language whose stop words are most frequent in `words` (at least two hits), else `und`. */
export function guessListedLanguage(words: readonly string[]): string {
  let best = 'und';
  let bestHits = 1;
  for (const language of ['en', 'id']) {
    const list = LISTS[language]!;
    let hits = 0;
    for (const w of words) if (list.has(w)) hits++;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}
