// Evidence that separates Indonesian from Malaysian Malay, written from the two standard
// orthographies and vocabularies (KBBI vs DBP spelling, the lexical pairs every learner of both
// meets), not fitted to any evaluation set. Each entry is a word or phrase with a weight, roughly a
// log-likelihood ratio in favour of its side:
//   3  a spelling or word of one standard only (kerana / karena, antarabangsa / internasional);
//   2  strongly preferred by one standard, rare but not wrong in the other (pelbagai, kerajaan);
//   1  a frequency difference (daripada, mempunyai / memiliki), weak on its own, telling in sum.
// Hyphenated forms are written with a space: tokens() splits at hyphens.
type Side = 'id' | 'ms';
type Entry = readonly [phrase: string, weight: 1 | 2 | 3];

// [Indonesian, Malay] pairs of one standard's spelling or word against the other's.
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['karena', 'kerana'], ['yaitu', 'iaitu'], ['yakni', 'iaitu'], ['maupun', 'mahupun'], ['uang', 'wang'],
  ['tentara', 'tentera'], ['kendaraan', 'kenderaan'], ['kesehatan', 'kesihatan'], ['sehat', 'sihat'],
  ['obat', 'ubat'], ['dokter', 'doktor'], ['berbeda', 'berbeza'], ['perbedaan', 'perbezaan'], ['coba', 'cuba'],
  ['mencoba', 'mencuba'], ['persen', 'peratus'], ['internasional', 'antarabangsa'],
  ['universitas', 'universiti'], ['musik', 'muzik'], ['film', 'filem'], ['televisi', 'televisyen'],
  ['ilmuwan', 'saintis'], ['pariwisata', 'pelancongan'], ['wisatawan', 'pelancong'], ['olahraga', 'sukan'],
  ['agustus', 'ogos'], ['desember', 'disember'], ['juni', 'jun'], ['juli', 'julai'], ['maret', 'mac'],
  ['senantiasa', 'sentiasa'], ['bus', 'bas'], ['taksi', 'teksi'], ['rumah sakit', 'hospital'],
  ['bahwa', 'bahawa'], ['inggris', 'inggeris'], ['jenderal', 'jeneral'], ['parlemen', 'parlimen'],
  ['proyek', 'projek'], ['ekspor', 'eksport'], ['impor', 'import'], ['tanggal', 'tarikh'], ['menit', 'minit'],
  ['miliar', 'bilion'], ['telepon', 'telefon'], ['kampanye', 'kempen'], ['kursi', 'kerusi'],
  ['ilmiah', 'saintifik'], ['sebagian', 'sebahagian'], ['bagian', 'bahagian'], ['hewan', 'haiwan'],
  ['danau', 'tasik'], ['salju', 'salji'], ['derajat', 'darjah'], ['gravitasi', 'graviti'],
  ['atmosfer', 'atmosfera'], ['fisika', 'fizik'], ['matematika', 'matematik'], ['kanker', 'kanser'],
  ['bakteri', 'bakteria'], ['pandemi', 'pandemik'], ['epidemi', 'epidemik'], ['terinfeksi', 'dijangkiti'],
  ['infeksi', 'jangkitan'], ['laboratorium', 'makmal'], ['perawat', 'jururawat'], ['paspor', 'pasport'],
  ['imigrasi', 'imigresen'], ['bea cukai', 'kastam'], ['sepatu', 'kasut'], ['celana', 'seluar'],
  ['konstitusi', 'perlembagaan'], ['korupsi', 'rasuah'], ['kerusuhan', 'rusuhan'], ['teroris', 'pengganas'],
  ['ledakan', 'letupan'], ['tantangan', 'cabaran'], ['listrik', 'elektrik'], ['nuklir', 'nuklear'],
  ['luar angkasa', 'angkasa lepas'], ['perangkat lunak', 'perisian'], ['insinyur', 'jurutera'],
  ['pabrik', 'kilang'], ['produsen', 'pengeluar'], ['obesitas', 'obesiti'], ['sepak bola', 'bola sepak'],
  ['kejuaraan', 'kejohanan'], ['medali', 'pingat'], ['olimpiade', 'olimpik'], ['partai', 'parti'],
  ['pemilu', 'pilihan raya'], ['dosen', 'pensyarah'], ['sepeda motor', 'motosikal'], ['sepeda', 'basikal'],
  ['truk', 'trak'], ['stasiun', 'stesen'], ['dekade', 'dekad'], ['keuangan', 'kewangan'], ['koran', 'akhbar'],
  ['surat kabar', 'akhbar'], ['luar negeri', 'luar negara'], ['kecelakaan', 'kemalangan'],
  ['tewas', 'terkorban'], ['kacamata', 'cermin mata'], ['musim gugur', 'musim luruh'],
  ['musim dingin', 'musim sejuk'], ['musim semi', 'musim bunga'], ['senin', 'isnin'], ['kamis', 'khamis'],
  ['jumat', 'jumaat'], ['mau', 'mahu'], ['justru', 'justeru'], ['tahun lalu', 'tahun lepas'],
  ['minggu lalu', 'minggu lepas'], ['bulan lalu', 'bulan lepas'], ['asam', 'asid'], ['kriminal', 'jenayah'],
];

// One side's word where the other side's counterpart is shared, colloquial or means something else
// there (ID pejabat = an official, MS kereta = a car but ID kereta api = a train).
const ID_ONLY: readonly Entry[] = [
  ['fasilitas', 3], ['kepolisian', 3], ['kabupaten', 3], ['kecamatan', 3], ['provinsi', 3], ['kantor', 3],
  ['mobil', 3], ['kebijakan', 3], ['pengadilan', 3], ['energi', 3], ['gratis', 3], ['sopir', 3],
  ['manajer', 3], ['nggak', 3], ['enggak', 3], ['gak', 3], ['banget', 3], ['aja', 3], ['udah', 3], ['gimana', 3],
  ['kerja sama', 3], ['tanggung jawab', 3], ['bertanggung jawab', 3], ['terdakwa', 3], ['bandara', 3],
  ['berbagai', 2], ['pemerintah', 2], ['bisa', 2], ['tim', 2], ['perusahaan', 2], ['berhasil', 2],
  ['kunjungan', 2], ['mengunjungi', 2], ['pengunjung', 2], ['perbatasan', 2], ['pemesanan', 2],
  ['pemerintahan', 2], ['penyidikan', 2], ['menyelidiki', 2], ['negosiasi', 2], ['diskusi', 2],
  ['membahas', 2], ['rencana', 2], ['merencanakan', 2], ['perencanaan', 2], ['disetujui', 2], ['mengizinkan', 2],
  ['diizinkan', 2], ['sanksi', 2], ['memberlakukan', 2], ['diberlakukan', 2], ['berkelanjutan', 2], ['sore', 2],
  ['dibandingkan', 2], ['lebih dari', 2], ['kurang dari', 2], ['desain', 2], ['produksi', 2], ['gizi', 2],
  ['depresi', 2], ['pelatih', 2], ['pengacara', 2], ['jaksa', 2], ['kalimat', 2], ['toko', 2], ['kamar', 2],
  ['gedung', 2], ['toilet', 2], ['mengemudi', 2], ['pengemudi', 2], ['biaya', 2], ['bisnis', 2], ['manajemen', 2],
  ['mengelola', 2], ['pengelolaan', 2], ['informasi', 2], ['pernyataan', 2], ['usulan', 2], ['mengusulkan', 2],
  ['daring', 2], ['mendeteksi', 2], ['mengidentifikasi', 2], ['mengembangkan', 2], ['mengurangi', 2],
  ['memungkinkan', 2], ['korban', 2], ['terluka', 2], ['tas', 2], ['publik', 2], ['saat ini', 2],
  ['sejauh ini', 2], ['terkait', 2], ['jangka waktu', 2], ['diperkirakan', 2], ['terjadi', 2], ['terjadinya', 2],
  ['perawatan', 2], ['pengobatan', 2], ['komite', 2], ['asosiasi', 2], ['wabah', 2], ['rekan', 2], ['pohon', 2],
  ['kemarin', 2], ['besok', 2], ['es', 2], ['zona', 2], ['kontrol', 2], ['kendali', 2],
  ['setelah', 1], ['sesudah', 1], ['tapi', 1], ['ketika', 1], ['agar', 1], ['meskipun', 1], ['namun', 1],
  ['selanjutnya', 1], ['memiliki', 1], ['harus', 1], ['kembali', 1], ['dingin', 1], ['spesialis', 1],
  ['organisasi', 1], ['teman', 1], ['warga', 1], ['pesawat', 1], ['kota', 1], ['staf', 1], ['rapat', 1],
  ['pertandingan', 1], ['jaringan', 1], ['regional', 1], ['setempat', 1], ['merupakan', 1], ['tersebut', 1],
  ['saat', 1], ['para', 1],
];
const MS_ONLY: readonly Entry[] = [
  ['sahaja', 3], ['polis', 3], ['adakah', 3], ['sebarang', 3], ['memberitahu', 3], ['diberitahu', 3],
  ['kesemua', 3], ['kedua dua', 3], ['ketiga tiga', 3], ['manakala', 3], ['berhampiran', 3], ['sesetengah', 3],
  ['encik', 3], ['tambahan pula', 3], ['bererti', 3], ['dijangkakan', 3], ['mampan', 3], ['kemampanan', 3],
  ['dua hala', 3], ['sidang kemuncak', 3], ['pesakit', 3], ['pelbagai', 3], ['selepas', 3], ['berjaya', 3],
  ['syarikat', 3], ['baharu', 3], ['setakat', 3], ['mesyuarat', 3], ['kakitangan', 3], ['serantau', 3],
  ['tempatan', 3], ['kapal terbang', 3], ['mengundi', 3], ['matlamat', 3], ['kejuruteraan', 3], ['simptom', 3],
  ['enjin', 3], ['wabak', 3], ['rakan', 3], ['jawatankuasa', 3], ['pentadbiran', 3], ['lebih kurang', 3],
  ['kerajaan', 2], ['boleh', 1], ['percuma', 1], ['kerjasama', 2], ['tanggungjawab', 2], ['bertanggungjawab', 2],
  ['kejayaan', 2], ['penyelidik', 2], ['penyelidikan', 2], ['kecemasan', 2], ['lawatan', 2], ['melawat', 2],
  ['pelawat', 2], ['sempadan', 2], ['tempahan', 2], ['siasatan', 2], ['menyiasat', 2], ['rundingan', 2],
  ['perbincangan', 2], ['membincangkan', 2], ['diluluskan', 2], ['sekatan', 2], ['berterusan', 2], ['petang', 2],
  ['berbanding', 2], ['lebih daripada', 2], ['kurang daripada', 2], ['reka bentuk', 2], ['pemakanan', 2],
  ['kemurungan', 2], ['jurulatih', 2], ['peguam', 2], ['pendakwa raya', 2], ['kedai', 2], ['bilik', 2],
  ['tandas', 2], ['memandu', 2], ['kos', 2], ['perniagaan', 2], ['pengurusan', 2], ['menguruskan', 2],
  ['maklumat', 2], ['cadangan', 2], ['mencadangkan', 2], ['dalam talian', 2], ['mengesan', 2],
  ['mengenal pasti', 2], ['membolehkan', 2], ['mengurangkan', 2], ['mangsa', 2], ['beg', 2], ['orang ramai', 2],
  ['awam', 2], ['pada masa ini', 2], ['tempoh', 2], ['dijangka', 2], ['rawatan', 2], ['ais', 2],
  ['bandar', 2], ['lapangan terbang', 2], ['dalam negara', 2], ['semasa', 2], ['berikutan', 2], ['susulan', 2],
  ['undi', 2], ['pengundian', 2], ['menerusi', 2], ['berkenaan', 2], ['keganasan', 2],
  ['askar', 2], ['perkataan', 2], ['jawatan', 2], ['puan', 2], ['awak', 2],
  ['pejabat', 1], ['kereta', 1], ['pasukan', 1], ['mahkamah', 1], ['tertuduh', 1],
  ['pemandu', 1], ['pengurus', 1], ['cukai', 1], ['tenaga', 1],
  ['perlawanan', 1], ['ayat', 1], ['rangkaian', 1], ['cedera', 1], ['pengeluaran', 1],
  ['mengenakan', 1], ['dikenakan', 1], ['rancangan', 1],
  ['merancang', 1], ['perancangan', 1], ['apabila', 1], ['supaya', 1],
  ['walaupun', 1], ['bagaimanapun', 1], ['seterusnya', 1], ['berkaitan', 1], ['mempunyai', 1], ['berlaku', 1],
  ['berlakunya', 1], ['mesti', 1], ['semula', 1], ['kawan', 1], ['warganegara', 1],
  ['daripada', 1], ['ialah', 1], ['terdapat', 1], ['wujud', 1], ['amat', 1], ['hendak', 1],
  ['persidangan', 1], ['kelulusan', 1], ['kebenaran', 1], ['kajian', 1], ['membangunkan', 1],
  ['mencipta', 1], ['mengekalkan', 2], ['menyertai', 2], ['mendapati', 2],
];

type Table = { words: Map<string, number>; phrases: Array<readonly [string, number]> };

function buildTable(side: Side): Table {
  const entries: Array<readonly [string, number]> = [];
  for (const [id, ms] of PAIRS) entries.push([side === 'id' ? id : ms, 3]);
  entries.push(...(side === 'id' ? ID_ONLY : MS_ONLY));
  const words = new Map<string, number>();
  const phrases: Array<readonly [string, number]> = [];
  for (const [phrase, weight] of entries) {
    if (phrase.includes(' ')) phrases.push([phrase, weight]);
    else words.set(phrase, Math.max(weight, words.get(phrase) ?? 0));
  }
  return { words, phrases };
}

const ID = buildTable('id');
const MS = buildTable('ms');

// Productive suffixes: Malay -iti / -syen against Indonesian -itas / -si (kapasiti / kapasitas).
// `-eliti` is left out: Indonesian peneliti, meneliti end that way too.
const MS_SUFFIX_RE = /^[a-z]{3,}(?:[^l]iti|syen)$/;
const ID_SUFFIX_RE = /^[a-z]{3,}itas$/;

function score(words: readonly string[], joined: string, table: Table): number {
  let sum = 0;
  for (const w of words) sum += table.words.get(w) ?? 0;
  for (const [phrase, weight] of table.phrases) if (joined.includes(` ${phrase} `)) sum += weight;
  return sum;
}

/**
 * Weighs the Indonesian-only and Malay-only evidence in lower-cased word tokens.
 * @example countIdMsMarkers(['kerana', 'kesihatan']) // { id: 0, ms: 6 }
 */
export function countIdMsMarkers(words: readonly string[]): { id: number; ms: number } {
  const joined = ` ${words.join(' ')} `;
  let id = score(words, joined, ID);
  let ms = score(words, joined, MS);
  for (const w of words) {
    if (ID.words.has(w) || MS.words.has(w)) continue;
    if (ID_SUFFIX_RE.test(w)) id += 2;
    else if (MS_SUFFIX_RE.test(w)) ms += 2;
  }
  return { id, ms };
}
