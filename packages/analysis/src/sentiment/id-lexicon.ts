// Indonesian sentiment lexicon written for DiploDesk: common words of news, reviews and social
// media (informal forms included), each weighted 1…3 (mild…strong). Multi-word entries are
// joined with a space. Words whose polarity depends on context ("lama", "keras", "panas") are
// left out on purpose: a missing word costs recall, a wrong one costs precision.

const POSITIVE = `
mantap:3 mantul:3 mantab:3 mantep:3 keren:3 hebat:3 luar_biasa:3 sempurna:3 terbaik:3 istimewa:3
memuaskan:3 puas:2 bahagia:3 senang:2 gembira:3 cinta:3 mencintai:3 suka:2 menyukai:2 bagus:2 enak:2
lezat:3 nikmat:2 indah:2 cantik:2 ganteng:2 ramah:2 nyaman:2 recommended:3 rekomendasi:2 direkomendasikan:2
juara:2 top:2 jos:2 kece:2 asik:2 asyik:2 seru:2 lucu:1 menarik:2 berhasil:2 sukses:3 keberhasilan:2
kesuksesan:3 untung:2 beruntung:2 keuntungan:2 menang:2 kemenangan:2 bangga:3 membanggakan:3
terima_kasih:2 terimakasih:2 makasih:2 syukur:2 bersyukur:2 alhamdulillah:2 aman:1 damai:2 perdamaian:2
sejahtera:2 kesejahteraan:2 maju:2 kemajuan:2 berkembang:1 meningkat:1 peningkatan:1 tumbuh:1
pertumbuhan:1 positif:2 optimis:2 optimistis:2 harapan:1 berharap:1 semangat:2 bersemangat:2 sehat:2
bersih:2 rapi:2 murah:1 terjangkau:2 lancar:2 mudah:1 praktis:1 efektif:2 efisien:2 bermanfaat:2
manfaat:1 membantu:2 dukung:1 mendukung:2 dukungan:1 kerjasama:1 kerja_sama:1 bekerja_sama:1
kemitraan:1 setuju:1 sepakat:1 kesepakatan:1 apresiasi:2 mengapresiasi:2 terharu:2 kagum:3
mengagumkan:3 salut:3 hormat:1 menghormati:2 peduli:2 kepedulian:2 jujur:2 adil:2 keadilan:1 baik:2
kebaikan:2 sopan:2 profesional:2 berkualitas:2 unggul:2 unggulan:2 favorit:2 lengkap:1 strategis:1
stabil:1 kuat:1 tangguh:2 solid:2 megah:2 mewah:2 elegan:2 wangi:2 segar:2 empuk:2 gurih:2 renyah:2
lembut:1 memukau:3 menakjubkan:3 spektakuler:3 fantastis:3 oke:1 ok:1 sip:2 gokil:2 senyum:1
tersenyum:2 tertawa:1 selamat:1 pantas:1 layak:1 worth:2 worth_it:3 cepat:1 tepat:1 sigap:2 tanggap:1
responsif:2 informatif:2 inspiratif:3 menginspirasi:3 kreatif:2 inovatif:2 inovasi:1 unik:1 canggih:2
modern:1 luas:1 sejuk:2 asri:2 tenang:1 ketenangan:1 menyenangkan:3 menghibur:2 memuji:2 pujian:2
berterima_kasih:2 prestasi:2 berprestasi:2 meraih:1 penghargaan:2 membaik:2 pulih:1 pemulihan:1
bebas:1 merdeka:1 kebebasan:1 harmonis:2 rukun:2 toleransi:2 toleran:2 bersatu:2 persatuan:1
sahabat:2 bersahabat:2 akrab:2 hangat:1 bijak:2 bijaksana:2 cerdas:2 pintar:2 amanah:2 terpercaya:2
percaya:1 yakin:1 memuji:2 berkah:2 anugerah:2 gratis:1 hemat:1 diskon:1 promo:1 lumayan:1 mending:1
favoritku:2 ajaib:2 cakep:2 kangen:1 rindu:1 setia:2 loyal:2 tulus:2 ikhlas:2 murni:1 sejati:2
`;

const NEGATIVE = `
buruk:3 terburuk:3 jelek:3 parah:3 kecewa:3 mengecewakan:3 kekecewaan:3 gagal:3 kegagalan:3 benci:3
membenci:3 kebencian:3 marah:3 kemarahan:3 kesal:3 kesel:3 sebel:2 sebal:2 jijik:3 menjijikkan:3
sampah:3 bodoh:3 goblok:3 tolol:3 bego:3 payah:3 hancur:3 kehancuran:3 rusak:2 kerusakan:2 kacau:3
bohong:3 berbohong:3 pembohong:3 kebohongan:3 hoaks:3 hoax:3 fitnah:3 memfitnah:3 penipu:3 tipu:3
menipu:3 penipuan:3 korupsi:3 koruptor:3 curang:3 kecurangan:3 bangsat:3 brengsek:3 sialan:3 sial:2
mahal:1 kemahalan:2 lambat:2 lelet:2 lemot:2 kotor:2 bau:2 basi:2 hambar:2 pahit:1 sakit:2
penyakit:1 sedih:3 kesedihan:3 duka:2 berduka:2 menangis:2 nangis:2 takut:2 ketakutan:2 khawatir:2
kekhawatiran:2 cemas:2 bahaya:2 berbahaya:2 ancaman:2 mengancam:2 serangan:2 menyerang:2 teror:3
teroris:3 terorisme:3 bom:2 ledakan:2 meledak:2 tewas:3 mati:2 kematian:2 korban:2 bencana:2
banjir:2 gempa:2 kebakaran:2 krisis:2 konflik:2 perang:3 peperangan:3 kekerasan:3 pembunuhan:3
membunuh:3 dibunuh:3 bunuh:3 penembakan:3 kerusuhan:3 rusuh:3 ricuh:2 protes:1 menolak:1
penolakan:1 kritik:1 mengkritik:1 kecam:2 mengecam:2 kecaman:2 menuduh:2 tuduhan:2 sanksi:1
skandal:2 masalah:2 bermasalah:2 permasalahan:1 sulit:1 susah:2 kesulitan:2 rumit:1 ribet:2 repot:1
miskin:2 kemiskinan:2 rugi:2 kerugian:2 merugikan:2 menurun:1 penurunan:1 anjlok:2 merosot:2
lemah:1 kelemahan:1 negatif:2 pesimis:2 ragu:1 zalim:3 kejam:3 kekejaman:3 jahat:3 kejahatan:3
pelanggaran:2 melanggar:2 ilegal:2 salah:2 kesalahan:2 keliru:1 cacat:2 gangguan:2 terganggu:2
mengganggu:2 macet:2 telat:2 terlambat:2 lalai:2 diskriminasi:3 rasis:3 rasisme:3 intoleran:3
intoleransi:3 radikal:2 radikalisme:2 ekstremis:3 separatis:2 provokasi:2 provokatif:2 tegang:1
ketegangan:1 malu:1 memalukan:3 miris:2 prihatin:1 ironis:2 menyedihkan:3 mengerikan:3 ngeri:2
seram:2 jorok:3 kasar:2 judes:2 jutek:2 galak:2 sombong:2 angkuh:2 cuek:1 nyesel:3 menyesal:3
kapok:3 zonk:3 php:2 nyebelin:3 ngeselin:3 bete:2 lebay:2 alay:2 norak:2 garing:2 murahan:2
abal:2 pungli:3 suap:3 menyuap:3 nepotisme:3 kolusi:3 otoriter:2 diktator:2 represif:3 menindas:3
penindasan:3 kemunduran:2 defisit:1 inflasi:1 utang:1 hutang:1 pengangguran:2 phk:2 mogok:1
polusi:2 pencemaran:2 tercemar:2 deforestasi:2 kebocoran:2 bocor:2 penculikan:3 perampokan:3
pencurian:3 maling:3 copet:2 narkoba:2 konyol:2 aneh:1 ngawur:3 asal_asalan:3 ngaret:2 berisik:2
bising:2 sempit:1 overprice:2 overpriced:2 mengeluh:2 keluhan:2 komplain:2 kurang_ajar:3 ribut:2
keributan:2 hina:3 menghina:3 penghinaan:3 ejek:2 mengejek:2 kecelakaan:2 luka:2 terluka:2 cedera:2
pengungsi:1 darurat:1 kelaparan:3 wabah:2 pandemi:1 tragis:3 tragedi:3 musibah:2 kelam:2 suram:2
gelap:1 menderita:3 penderitaan:3 sengsara:3 putus_asa:3 frustrasi:2 stres:2 capek:1 lelah:1
bosan:2 membosankan:2 sepi:1 mengecewakannya:3 ditipu:3 dibohongi:3 diabaikan:2 mengabaikan:2
tersinggung:2 menyinggung:2 ancur:3 anjing:3 kampret:3 tai:3 ampas:3 busuk:3 lalat:1 kecoa:2
tikus:1 pelit:2 mengerikannya:3 dikecewakan:3 gagalnya:3 tidak_layak:3 eror:2 error:2 lag:1
`;

function parse(block: string, sign: 1 | -1): [string, number][] {
  return block
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [word = '', weight = '1'] = item.split(':');
      return [word.replace(/_/g, ' '), sign * Number(weight)];
    });
}

/** Indonesian word (or phrase) → valence, −3…3. */
export const ID_LEXICON: ReadonlyMap<string, number> = new Map([...parse(POSITIVE, 1), ...parse(NEGATIVE, -1)]);

/** Words that negate the next sentiment word within a short window. */
export const ID_NEGATORS = new Set(['tidak', 'tak', 'bukan', 'belum', 'jangan', 'gak', 'nggak', 'ngga', 'ga', 'gk', 'tdk', 'enggak', 'engga', 'ndak', 'kagak', 'tiada', 'tanpa', 'bkn', 'blm']);

/** Multipliers for words that come before the sentiment word. "kurang" (not quite) half-negates. */
export const ID_PRE_MODIFIERS: ReadonlyMap<string, number> = new Map([
  ['sangat', 1.5],
  ['amat', 1.5],
  ['paling', 1.6],
  ['terlalu', 1.4],
  ['sungguh', 1.4],
  ['begitu', 1.3],
  ['makin', 1.2],
  ['semakin', 1.2],
  ['super', 1.5],
  ['sangatlah', 1.5],
  ['benar', 1.3],
  ['benar-benar', 1.4],
  ['bener-bener', 1.4],
  ['agak', 0.6],
  ['sedikit', 0.6],
  ['cukup', 0.7],
  ['kurang', -0.5],
]);

/** Multipliers for words that come after the sentiment word ("bagus banget"). */
export const ID_POST_MODIFIERS: ReadonlyMap<string, number> = new Map([
  ['sekali', 1.5],
  ['banget', 1.5],
  ['bgt', 1.5],
  ['bngt', 1.5],
  ['amat', 1.5],
  ['nian', 1.4],
]);

/** Contrast words: what follows them weighs more than what came before ("bagus, tapi mahal"). */
export const ID_CONTRAST = new Set(['tapi', 'tetapi', 'namun', 'sayangnya', 'cuma', 'tp']);
