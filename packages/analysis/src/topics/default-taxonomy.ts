import type { Taxonomy } from './taxonomy.ts';

// The seed taxonomy the ministry starts from and edits. Keyword syntax (see taxonomy.ts):
// "word" matches the whole word (Indonesian: also its affixed forms, "cemar" ⇒ "pencemaran"),
// "pre*" matches any word starting with "pre", and "two words" matches the phrase.
export const DEFAULT_TAXONOMY: Taxonomy = [
  {
    id: 'climate-environment',
    labels: { en: 'Climate & environment', id: 'Iklim & lingkungan' },
    keywords: {
      en: ['climate', 'climate change', 'global warming', 'emission*', 'carbon', 'greenhouse', 'environment*', 'deforestation', 'forest*', 'pollution', 'polluted', 'biodiversity', 'renewable*', 'net zero', 'flood*', 'drought*', 'wildfire*', 'sea level', 'cop28', 'cop29', 'cop30', 'unfccc', 'peatland*', 'mangrove*', 'coral reef*', 'plastic waste', 'energy transition'],
      id: ['iklim', 'perubahan iklim', 'pemanasan global', 'emisi', 'karbon', 'rumah kaca', 'lingkungan', 'lingkungan hidup', 'deforestasi', 'hutan', 'cemar', 'polusi', 'keanekaragaman hayati', 'energi terbarukan', 'banjir', 'kekeringan', 'kebakaran hutan', 'karhutla', 'gambut', 'bakau', 'terumbu karang', 'sampah plastik', 'transisi energi', 'lestari', 'konservasi'],
    },
  },
  {
    id: 'terrorism-extremism',
    labels: { en: 'Terrorism & violent extremism', id: 'Terorisme & ekstremisme kekerasan' },
    keywords: {
      en: ['terror*', 'extremis*', 'radicali*', 'jihadi*', 'isis', 'al-qaeda', 'al qaeda', 'jemaah islamiyah', 'suicide bomb*', 'bombing', 'militant*', 'insurgen*', 'counter-terrorism', 'hostage*', 'beheading'],
      id: ['teror', 'teroris', 'terorisme', 'ekstremis', 'ekstremisme', 'radikal', 'radikalisme', 'radikalisasi', 'deradikalisasi', 'jihadis', 'isis', 'jamaah islamiyah', 'jemaah islamiyah', 'JAD', 'bom bunuh diri', 'bom', 'densus', 'densus 88', 'bnpt', 'militan', 'sandera', 'pengeboman'],
    },
  },
  {
    id: 'trade-investment',
    labels: { en: 'Trade & investment', id: 'Perdagangan & investasi' },
    keywords: {
      en: ['trade', 'trading', 'export*', 'import*', 'tariff*', 'investment*', 'investor*', 'invest', 'free trade', 'FTA', 'cepa', 'rcep', 'wto', 'supply chain*', 'economy', 'economic', 'gdp', 'market access', 'nickel', 'palm oil', 'commodit*', 'business*'],
      id: ['dagang', 'perdagangan', 'ekspor', 'impor', 'tarif', 'investasi', 'investor', 'penanaman modal', 'perjanjian dagang', 'cepa', 'rcep', 'wto', 'rantai pasok', 'ekonomi', 'perekonomian', 'pdb', 'akses pasar', 'nikel', 'sawit', 'kelapa sawit', 'komoditas', 'bisnis', 'hilirisasi', 'neraca'],
    },
  },
  {
    id: 'health',
    labels: { en: 'Health', id: 'Kesehatan' },
    keywords: {
      en: ['health*', 'disease*', 'virus*', 'vaccin*', 'pandemic*', 'epidemic*', 'covid*', 'hospital*', 'patient*', 'medic*', 'doctor*', 'nurse*', 'infection*', 'infected', 'outbreak*', 'malaria', 'tuberculosis', 'stunting', 'WHO', 'symptom*', 'treatment*', 'illness*', 'drug*'],
      id: ['sehat', 'kesehatan', 'penyakit', 'virus', 'vaksin', 'vaksinasi', 'pandemi', 'epidemi', 'wabah', 'covid', 'rumah sakit', 'pasien', 'medis', 'dokter', 'perawat', 'infeksi', 'terinfeksi', 'malaria', 'tuberkulosis', 'tbc', 'stunting', 'gejala', 'pengobatan', 'obat', 'sakit', 'puskesmas', 'bpjs kesehatan'],
    },
  },
  {
    id: 'maritime-security',
    labels: { en: 'Maritime & security', id: 'Maritim & keamanan' },
    keywords: {
      en: ['maritime', 'navy', 'naval', 'coast guard', 'south china sea', 'natuna', 'piracy', 'pirate*', 'illegal fishing', 'iuu fishing', 'warship*', 'vessel*', 'territorial water*', 'eez', 'exclusive economic zone', 'unclos', 'military', 'defence', 'defense', 'maritime security', 'security at sea', 'missile*', 'border*', 'strait*'],
      id: ['maritim', 'kelautan', 'laut', 'angkatan laut', 'tni al', 'bakamla', 'penjaga pantai', 'laut china selatan', 'laut cina selatan', 'laut natuna utara', 'natuna', 'perompak', 'pembajakan', 'pencurian ikan', 'kapal perang', 'kapal', 'perairan', 'zee', 'zona ekonomi eksklusif', 'unclos', 'militer', 'pertahanan', 'keamanan laut', 'keamanan maritim', 'rudal', 'perbatasan', 'selat'],
    },
  },
  {
    id: 'migration',
    labels: { en: 'Migration', id: 'Migrasi' },
    keywords: {
      en: ['migra*', 'immigra*', 'emigra*', 'refugee*', 'asylum', 'asylum seeker*', 'rohingya', 'deport*', 'diaspora', 'human trafficking', 'people smuggling', 'smuggl*', 'visa*', 'overseas workers', 'border crossing*'],
      id: ['migrasi', 'migran', 'imigrasi', 'imigran', 'pengungsi', 'suaka', 'pencari suaka', 'rohingya', 'deportasi', 'dideportasi', 'diaspora', 'perdagangan orang', 'tppo', 'penyelundupan manusia', 'pekerja migran', 'PMI', 'tki', 'tkw', 'visa', 'wni di luar negeri'],
    },
  },
  {
    id: 'human-rights',
    labels: { en: 'Human rights', id: 'Hak asasi manusia' },
    keywords: {
      en: ['human rights', 'rights abuse*', 'freedom of expression', 'press freedom', 'discriminat*', 'torture', 'genocide', 'ethnic cleansing', 'minorit*', 'gender equality', 'women\'s rights', 'indigenous', 'death penalty', 'political prisoner*', 'unhcr', 'ohchr', 'civil liberties', 'fundamental freedoms', 'racism', 'racial discrimination', 'apartheid', 'covenant on civil', 'enforced disappearance*', 'arbitrary detention', 'rights of the child', 'human rights council'],
      id: ['hak asasi', 'hak asasi manusia', 'ham', 'pelanggaran ham', 'kebebasan berekspresi', 'kebebasan pers', 'diskriminasi', 'penyiksaan', 'genosida', 'pembersihan etnis', 'minoritas', 'kesetaraan gender', 'hak perempuan', 'masyarakat adat', 'hukuman mati', 'tahanan politik', 'komnas ham', 'intoleransi', 'kebebasan dasar', 'rasisme', 'diskriminasi rasial', 'apartheid', 'penghilangan paksa', 'penahanan sewenang-wenang', 'hak anak', 'dewan ham'],
    },
  },
  {
    id: 'technology-cyber',
    labels: { en: 'Technology & cyber', id: 'Teknologi & siber' },
    keywords: {
      en: ['technolog*', 'digital*', 'internet', 'online', 'cyber*', 'cyber attack*', 'cyber-attack*', 'hack*', 'ransomware', 'phishing', 'ddos', 'malware', 'data breach*', 'data protection', 'artificial intelligence', 'AI', 'computer*', 'software', 'semiconductor*', 'chip*', '5g', 'satellite*', 'telecom*', 'startup*', 'science', 'scientist*', 'scientific', 'research*', 'engineer*', 'robot*', 'electronic*'],
      id: ['teknologi', 'digital', 'digitalisasi', 'internet', 'daring', 'online', 'siber', 'serangan siber', 'peretas', 'retas', 'peretasan', 'ransomware', 'phishing', 'ddos', 'malware', 'kebocoran data', 'pelindungan data', 'perlindungan data', 'kecerdasan buatan', 'AI', 'komputer', 'perangkat lunak', 'semikonduktor', '5g', 'satelit', 'telekomunikasi', 'startup', 'sains', 'ilmu pengetahuan', 'ilmuwan', 'ilmiah', 'riset', 'penelitian', 'peneliti', 'insinyur', 'robot', 'elektronik'],
    },
  },
  {
    id: 'diplomacy-cooperation',
    labels: { en: 'Diplomacy & cooperation', id: 'Diplomasi & kerja sama' },
    keywords: {
      en: ['diplomac*', 'diplomat*', 'bilateral', 'multilateral', 'summit*', 'foreign minister*', 'foreign policy', 'ambassador*', 'embassy', 'embassies', 'asean', 'united nations', 'un security council', 'g20', 'treaty', 'treaties', 'agreement*', 'memorandum of understanding', 'mou', 'cooperation', 'partnership*', 'state visit', 'talks', 'negotiat*', 'president*', 'prime minister*', 'security council', 'general assembly', 'parliament*', 'election*', 'minister*'],
      id: ['diplomasi', 'diplomat', 'diplomatik', 'bilateral', 'multilateral', 'ktt', 'konferensi tingkat tinggi', 'menteri luar negeri', 'menlu', 'kemlu', 'politik luar negeri', 'duta besar', 'dubes', 'kedutaan', 'kedubes', 'asean', 'pbb', 'dewan keamanan pbb', 'g20', 'perjanjian', 'nota kesepahaman', 'mou', 'kerja sama', 'kerjasama', 'kemitraan', 'kunjungan kenegaraan', 'perundingan', 'negosiasi', 'presiden', 'perdana menteri', 'dewan keamanan', 'majelis umum', 'parlemen', 'pemilu', 'pemilihan', 'menteri'],
    },
  },
  // The six issues of the UN General Assembly roll-call data (Voeten): the cooperation finder reads
  // UN votes by these. Keywords written for resolution titles and news about them.
  {
    id: 'arms-control',
    labels: { en: 'Arms control & disarmament', id: 'Pengendalian senjata & perlucutan' },
    keywords: {
      en: ['disarmament', 'arms control', 'arms race', 'arms trade', 'small arms', 'light weapons', 'conventional arms', 'conventional weapons', 'chemical weapon*', 'biological weapon*', 'weapons of mass destruction', 'landmine*', 'anti-personnel mine*', 'cluster munition*', 'outer space', 'armaments', 'military expenditure*', 'non-proliferation', 'proliferation', 'stockpiling', 'verification', 'confidence-building', 'conference on disarmament', 'zone of peace', 'weapons'],
      id: ['perlucutan senjata', 'pelucutan senjata', 'pengendalian senjata', 'perlombaan senjata', 'perdagangan senjata', 'senjata ringan', 'senjata konvensional', 'senjata kimia', 'senjata biologi', 'senjata pemusnah massal', 'ranjau darat', 'munisi tandan', 'antariksa', 'persenjataan', 'belanja militer', 'nonproliferasi', 'non-proliferasi', 'proliferasi', 'penimbunan senjata', 'senjata'],
    },
  },
  {
    id: 'palestinian-conflict',
    labels: { en: 'Palestinian conflict', id: 'Konflik Palestina' },
    keywords: {
      en: ['palestin*', 'israel*', 'gaza', 'west bank', 'jerusalem', 'golan', 'unrwa', 'occupied territor*', 'occupied syrian golan', 'two-state solution', 'near east', 'middle east', 'settlement*', 'lebanon', 'hamas'],
      id: ['palestina', 'israel', 'gaza', 'tepi barat', 'yerusalem', 'golan', 'unrwa', 'wilayah pendudukan', 'solusi dua negara', 'timur tengah', 'permukiman', 'pemukiman', 'lebanon', 'hamas'],
    },
  },
  {
    id: 'colonialism',
    labels: { en: 'Colonialism', id: 'Kolonialisme' },
    keywords: {
      en: ['colonial*', 'decoloni*', 'self-determination', 'self determination', 'non-self-governing', 'non self governing', 'self-governing', 'trusteeship', 'trust territor*', 'administering power*', 'independence to colonial', 'granting of independence', 'namibia', 'southern rhodesia', 'western sahara', 'new caledonia', 'gibraltar', 'falkland*', 'malvinas', 'puerto rico', 'east timor', 'portuguese', 'portugal', 'rhodesia', 'foreign occupation', 'occupied', 'occupation', 'occupying power', 'annex*', 'territories', 'mercenaries'],
      id: ['kolonial', 'kolonialisme', 'penjajahan', 'dekolonisasi', 'penentuan nasib sendiri', 'wilayah tak berpemerintahan sendiri', 'perwalian', 'kekuasaan administrator', 'kemerdekaan', 'namibia', 'sahara barat', 'kaledonia baru', 'gibraltar', 'malvinas', 'puerto riko', 'pendudukan asing', 'pendudukan', 'diduduki', 'kekuatan pendudukan', 'aneksasi', 'wilayah jajahan', 'tentara bayaran'],
    },
  },
  {
    id: 'nuclear',
    labels: { en: 'Nuclear weapons & material', id: 'Senjata & bahan nuklir' },
    keywords: {
      en: ['nuclear', 'denuclearization', 'denuclearisation', 'atomic', 'nuclear test*', 'test ban', 'ctbt', 'npt', 'iaea', 'fissile', 'fissionable', 'uranium', 'plutonium', 'radioactive', 'radiation', 'thermonuclear', 'nuclear-weapon-free'],
      id: ['nuklir', 'denuklirisasi', 'atom', 'uji nuklir', 'percobaan nuklir', 'ctbt', 'npt', 'iaea', 'bahan fisil', 'uranium', 'plutonium', 'radioaktif', 'radiasi', 'bebas senjata nuklir'],
    },
  },
  {
    id: 'economic-development',
    labels: { en: 'Economic development', id: 'Pembangunan ekonomi' },
    keywords: {
      en: ['economic sanction*', 'economic relations', 'economic effects', 'economic and technical', 'economy', 'trade', 'financ*', 'economic development', 'sustainable development', 'development', 'developing countries', 'least developed', 'poverty', 'economic cooperation', 'economic and social', 'ecosoc', 'unctad', 'undp', 'financing for development', 'external debt', 'debt relief', 'budget*', 'biennium', 'appropriation*', 'programme budget', 'financial situation', 'economic measures', 'coercive economic', 'unilateral economic', 'embargo', 'industrial*', 'agricultur*', 'food security', 'globalization', 'new international economic order'],
      id: ['sanksi ekonomi', 'hubungan ekonomi', 'perdagangan', 'keuangan', 'pembiayaan', 'pembangunan ekonomi', 'pembangunan berkelanjutan', 'pembangunan', 'negara berkembang', 'negara kurang berkembang', 'kemiskinan', 'kerja sama ekonomi', 'ecosoc', 'unctad', 'undp', 'pembiayaan pembangunan', 'utang luar negeri', 'keringanan utang', 'anggaran', 'tindakan ekonomi sepihak', 'embargo', 'industri', 'industrialisasi', 'pertanian', 'ketahanan pangan', 'globalisasi'],
    },
  },
];
