// Spellings and words that separate Indonesian from Malaysian Malay with high precision, written
// from the two standard orthographies (KBBI vs DBP spelling and lexical pairs), not fitted to any
// evaluation set. Each pair lists the Indonesian form first. Words shared by both standards
// (tidak, telah, dapat, kerajaan, boleh, …) are deliberately left out: they would be guesses.
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['karena', 'kerana'],
  ['yaitu', 'iaitu'],
  ['maupun', 'mahupun'],
  ['uang', 'wang'],
  ['tentara', 'tentera'],
  ['kendaraan', 'kenderaan'],
  ['kesehatan', 'kesihatan'],
  ['sehat', 'sihat'],
  ['obat', 'ubat'],
  ['dokter', 'doktor'],
  ['berbeda', 'berbeza'],
  ['perbedaan', 'perbezaan'],
  ['coba', 'cuba'],
  ['mencoba', 'mencuba'],
  ['persen', 'peratus'],
  ['internasional', 'antarabangsa'],
  ['universitas', 'universiti'],
  ['kualitas', 'kualiti'],
  ['aktivitas', 'aktiviti'],
  ['komunitas', 'komuniti'],
  ['identitas', 'identiti'],
  ['musik', 'muzik'],
  ['film', 'filem'],
  ['televisi', 'televisyen'],
  ['peneliti', 'penyelidik'],
  ['penelitian', 'penyelidikan'],
  ['ilmuwan', 'saintis'],
  ['perusahaan', 'syarikat'],
  ['pariwisata', 'pelancongan'],
  ['wisatawan', 'pelancong'],
  ['olahraga', 'sukan'],
  ['darurat', 'kecemasan'],
  ['agustus', 'ogos'],
  ['desember', 'disember'],
  ['juni', 'jun'],
  ['juli', 'julai'],
  ['senantiasa', 'sentiasa'],
  ['bus', 'bas'],
  ['taksi', 'teksi'],
  ['rumah sakit', 'hospital'],
  ['gratis', 'percuma'],
  ['bahwa', 'bahawa'],
  ['inggris', 'inggeris'],
  ['jenderal', 'jeneral'],
  ['parlemen', 'parlimen'],
  ['proyek', 'projek'],
  ['ekspor', 'eksport'],
  ['kontrol', 'kawalan'],
  ['kriminal', 'jenayah'],
  ['tanggal', 'tarikh'],
  ['menit', 'minit'],
  ['berhasil', 'berjaya'],
  ['keberhasilan', 'kejayaan'],
  ['miliar', 'bilion'],
  ['telepon', 'telefon'],
  ['kampanye', 'kempen'],
  ['zona', 'zon'],
  ['kursi', 'kerusi'],
  ['ilmiah', 'saintifik'],
  ['tanggung jawab', 'tanggungjawab'],
  ['bertanggung jawab', 'bertanggungjawab'],
  ['tahun lalu', 'tahun lepas'],
  ['minggu lalu', 'minggu lepas'],
  ['bulan lalu', 'bulan lepas'],
];

// One-sided words: their counterpart is ambiguous (ID `pejabat` = official, `kereta` = train,
// MS `polisi` = policy, `saja` = deliberately) or the word is colloquial.
const ID_ONLY = ['fasilitas', 'kantor', 'mobil', 'bisa', 'nggak', 'enggak', 'gak', 'banget', 'aja', 'udah', 'gimana', 'sih', 'dong', 'kayak', 'kebijakan', 'kepolisian', 'provinsi', 'kabupaten', 'kecamatan', 'perekonomian', 'tim'];
const MS_ONLY = ['sahaja', 'polis', 'selepas', 'adakah', 'sebarang', 'memberitahu', 'diberitahu', 'pertubuhan'];

const ID_WORDS = new Set<string>([...PAIRS.map(([id]) => id).filter((w) => !w.includes(' ')), ...ID_ONLY]);
const MS_WORDS = new Set<string>([...PAIRS.map(([, ms]) => ms).filter((w) => !w.includes(' ')), ...MS_ONLY]);
const ID_PHRASES = PAIRS.map(([id]) => id).filter((w) => w.includes(' '));
const MS_PHRASES = PAIRS.map(([, ms]) => ms).filter((w) => w.includes(' '));

/** Counts Indonesian-only and Malay-only markers in lower-cased word tokens. */
export function countIdMsMarkers(words: readonly string[]): { id: number; ms: number } {
  let id = 0;
  let ms = 0;
  for (const w of words) {
    if (ID_WORDS.has(w)) id++;
    else if (MS_WORDS.has(w)) ms++;
  }
  const joined = ` ${words.join(' ')} `;
  for (const p of ID_PHRASES) if (joined.includes(` ${p} `)) id++;
  for (const p of MS_PHRASES) if (joined.includes(` ${p} `)) ms++;
  return { id, ms };
}
