// A small offline sample for the demo workspace, written for DiploDesk (fictional accounts and
// outlets, no real posts), so a new user sees a working listening desk without internet. It is
// stored under a paused source named as a demo sample, never presented as live collection.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { inTransaction, type PlatformContext } from '../../platform/context.ts';
import { findRootUnit, readWorkspaceMeta } from '../identity/index.ts';
import { createAnalyser } from './analyse-item.ts';
import { storeBatch } from './commands/ingest-batch.ts';
import { insertSource, listSources } from './listening.repo.ts';
import type { StoredItemsHook } from './stored-items.ts';

type Sample = { id: string; minutesAgo: number; handle: string; text: string; url?: string };

const story =
  'Indonesia dan negara-negara Pasifik sepakat memperkuat patroli bersama melawan penangkapan ikan ilegal di perairan regional';

const samples: Sample[] = [
  // One story copied by five accounts with small changes: one near-duplicate cluster with a spread.
  { id: 'demo-01', minutesAgo: 35, handle: 'harian_nusantara', text: `${story}. https://news.example.id/2026/11/patroli-bersama`, url: 'https://news.example.id/2026/11/patroli-bersama' },
  { id: 'demo-02', minutesAgo: 33, handle: 'info_bahari', text: `${story}. #LautKita` },
  { id: 'demo-03', minutesAgo: 31, handle: 'warga_pesisir', text: `Mantap! ${story}` },
  { id: 'demo-04', minutesAgo: 30, handle: 'kabar_pasifik', text: `RT @harian_nusantara: ${story}.` },
  { id: 'demo-05', minutesAgo: 28, handle: 'suara_nelayan', text: `${story} 🇮🇩` },
  { id: 'demo-06', minutesAgo: 27, handle: 'pacific_wire', text: 'Indonesia and Pacific Island states agree on joint patrols against illegal fishing; Fiji and Papua New Guinea welcome the deal.', url: 'https://wire.example/pacific/joint-patrols' },
  { id: 'demo-07', minutesAgo: 25, handle: 'gulf_daily', text: 'إندونيسيا ودول المحيط الهادئ تتفق على دوريات مشتركة لمكافحة الصيد غير المشروع' },
  { id: 'demo-08', minutesAgo: 24, handle: 'kl_berita', text: 'Malaysia memantau perjanjian rondaan bersama Indonesia dan negara Pasifik; kerajaan akan mengkaji kesannya kepada nelayan tempatan.' },
  { id: 'demo-09', minutesAgo: 22, handle: 'asia_desk', text: '印度尼西亚与太平洋岛国同意联合巡逻，打击非法捕鱼。' },
  { id: 'demo-10', minutesAgo: 20, handle: 'le_courrier_pacifique', text: "L'Indonésie et les États insulaires du Pacifique conviennent de patrouilles conjointes contre la pêche illégale." },
  { id: 'demo-11', minutesAgo: 19, handle: 'critic_watch', text: 'The new fisheries deal is a failure: no money for small fishers and no word on climate damage to reefs. Disappointing.' },
  { id: 'demo-12', minutesAgo: 17, handle: 'kritik_tajam', text: 'Kesepakatan ini gagal melindungi nelayan kecil, sangat mengecewakan. Pemerintah tidak serius soal iklim.' },
  { id: 'demo-13', minutesAgo: 15, handle: 'health_asia', text: 'Indonesia donates two million vaccine doses to partners in the Pacific as dengue cases rise in Fiji and Samoa.', url: 'https://health.example/asia/vaccines' },
  { id: 'demo-14', minutesAgo: 14, handle: 'siber_id', text: 'Serangan siber terhadap situs pemerintah meningkat bulan ini; BSSN mengimbau instansi memperbarui sistem keamanan.' },
  { id: 'demo-15', minutesAgo: 12, handle: 'climate_now', text: 'Jakarta hosts ASEAN ministers for talks on climate finance and the energy transition; Viet Nam and Thailand back a regional fund.' },
  { id: 'demo-16', minutesAgo: 10, handle: 'migrasi_kita', text: 'Pekerja migran Indonesia di Malaysia dan Arab Saudi meminta perlindungan hukum yang lebih kuat.' },
  { id: 'demo-17', minutesAgo: 9, handle: 'trade_ticker', text: 'Indonesia and the European Union resume talks on a comprehensive economic partnership; palm oil remains the sticking point.' },
  { id: 'demo-18', minutesAgo: 7, handle: 'rights_monitor', text: 'Human rights groups urge ASEAN to address the situation in Myanmar at the next summit.' },
  { id: 'demo-19', minutesAgo: 5, handle: 'hoax_alert', text: 'HOAKS: beredar surat palsu atas nama Kementerian Luar Negeri tentang visa gratis ke Jepang. Periksa di halaman verifikasi resmi.' },
  { id: 'demo-20', minutesAgo: 3, handle: 'tokyo_times_en', text: 'Japan and Indonesia mark 68 years of diplomatic relations with a cultural festival in Tokyo; the ambassador praised the partnership.' },
];

// Its name is shown in the reader's language while unchanged (web/src/lib/seeded-names.ts).
/** First start of the demo workspace (idempotent): the sample under a paused "Demo sample" source. */
export async function seedListeningDemo(ctx: PlatformContext, onStored?: StoredItemsHook): Promise<void> {
  const meta = await readWorkspaceMeta(ctx);
  if (!meta?.demo) return;
  const root = await findRootUnit(ctx.db);
  if (!root || (await listSources(ctx.db, [root.id])).length > 0) return;
  const analyser = await createAnalyser();
  const now = Date.now();
  const items: IngestItem[] = samples.map((s) => ({
    remoteId: s.id,
    text: s.text,
    publishedAt: new Date(now - s.minutesAgo * 60_000).toISOString(),
    author: { remoteAccountId: s.handle, handle: s.handle },
    ...(s.url ? { url: s.url } : {}),
    raw: { demo: true },
  }));
  await inTransaction(ctx, async (tx) => {
    const source = await insertSource(tx, { unitId: root.id, connector: 'import', name: 'Demo sample (offline, written for DiploDesk)', status: 'paused', config: {}, tags: ['demo'] });
    await storeBatch(tx, analyser, source, items, onStored);
  });
}
