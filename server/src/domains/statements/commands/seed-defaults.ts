import type { StatementText } from '@diplodesk/contracts';
import { systemActor } from '../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { findRootUnit } from '../../identity/index.ts';
import { auditStatement } from '../statements.audit.ts';
import { countTemplates, listChains, upsertChain, upsertTemplate } from '../statements.repo.ts';
import type { statementTemplates } from '../statements.tables.ts';

type Seed = Omit<typeof statementTemplates.$inferInsert, 'texts'> & { texts: StatementText[] };

// Written for DiploDesk; square brackets mark what the desk fills in.
const templates: Seed[] = [
  {
    purpose: 'condolence',
    statementKind: 'statement',
    name: 'Condolences on a disaster',
    texts: [
      {
        language: 'en',
        title: 'Condolences to the people of [COUNTRY]',
        body: 'The Government of [OUR COUNTRY] is deeply saddened by the loss of life caused by the [EVENT] in [PLACE] on [DATE].\n\nWe extend our heartfelt condolences to the families of the victims and to the Government and people of [COUNTRY], and wish a swift recovery to the injured.\n\n[OUR COUNTRY] stands ready to assist. Our embassy in [CITY] is in contact with the local authorities; citizens in need of help can call [HOTLINE].',
      },
      {
        language: 'id',
        title: 'Belasungkawa kepada rakyat [NEGARA]',
        body: 'Pemerintah [NEGARA KITA] sangat berduka atas jatuhnya korban jiwa akibat [PERISTIWA] di [TEMPAT] pada [TANGGAL].\n\nKami menyampaikan belasungkawa yang mendalam kepada keluarga korban serta kepada Pemerintah dan rakyat [NEGARA], dan mendoakan kesembuhan bagi para korban luka.\n\n[NEGARA KITA] siap membantu. Kedutaan Besar kami di [KOTA] terus berkoordinasi dengan otoritas setempat; warga yang memerlukan bantuan dapat menghubungi [NOMOR HOTLINE].',
      },
    ],
  },
  {
    purpose: 'congratulation',
    statementKind: 'statement',
    name: 'Congratulations on a national day or election',
    texts: [
      {
        language: 'en',
        title: 'Congratulations to [COUNTRY] on [OCCASION]',
        body: 'On behalf of the Government and people of [OUR COUNTRY], we warmly congratulate the Government and people of [COUNTRY] on [OCCASION].\n\nOur two countries share [SHARED INTERESTS]. We look forward to deepening our partnership in [AREAS] in the year ahead.',
      },
      {
        language: 'id',
        title: 'Selamat kepada [NEGARA] atas [PERISTIWA]',
        body: 'Atas nama Pemerintah dan rakyat [NEGARA KITA], kami menyampaikan ucapan selamat yang hangat kepada Pemerintah dan rakyat [NEGARA] atas [PERISTIWA].\n\nKedua negara memiliki [KEPENTINGAN BERSAMA]. Kami berharap dapat memperdalam kemitraan di bidang [BIDANG] pada tahun mendatang.',
      },
    ],
  },
  {
    purpose: 'travel-advisory',
    statementKind: 'press-release',
    name: 'Travel advisory',
    texts: [
      {
        language: 'en',
        title: 'Travel advisory: [COUNTRY/REGION]',
        body: 'Because of [SITUATION] in [COUNTRY/REGION], citizens are advised to [RECOMMENDATION] until further notice.\n\nCitizens already there should follow the instructions of the local authorities, avoid [AREAS], and register with our embassy in [CITY] at [REGISTRATION LINK].\n\nEmergency hotline (24 hours): [HOTLINE].',
      },
      {
        language: 'id',
        title: 'Imbauan perjalanan: [NEGARA/WILAYAH]',
        body: 'Sehubungan dengan [SITUASI] di [NEGARA/WILAYAH], warga negara diimbau untuk [REKOMENDASI] hingga pemberitahuan lebih lanjut.\n\nWarga negara yang berada di sana agar mengikuti arahan otoritas setempat, menghindari [WILAYAH], dan melapor diri kepada Kedutaan Besar kami di [KOTA] melalui [TAUTAN LAPOR DIRI].\n\nHotline darurat (24 jam): [NOMOR HOTLINE].',
      },
    ],
  },
  {
    purpose: 'rapid-rebuttal',
    statementKind: 'social-post',
    name: 'Rapid rebuttal of a false claim',
    texts: [
      {
        language: 'en',
        title: 'Setting the record straight on [CLAIM]',
        body: 'A claim circulating online says that [CLAIM]. This is not true.\n\nThe facts: [FACTS, WITH SOURCE].\n\nOur official statements are signed and can be checked at [VERIFY LINK].',
      },
      {
        language: 'id',
        title: 'Meluruskan informasi tentang [KLAIM]',
        body: 'Beredar klaim di media daring bahwa [KLAIM]. Informasi tersebut tidak benar.\n\nFaktanya: [FAKTA, DENGAN SUMBER].\n\nPernyataan resmi kami ditandatangani secara digital dan dapat diperiksa di [TAUTAN VERIFIKASI].',
      },
    ],
  },
];

/**
 * First start (idempotent): the four recurring templates in both languages, and a clearance chain
 * at the organisation so statements can be cleared before an administrator designs their own —
 * an ordinary one (any approver, then any administrator) and a fast track (any approver) for
 * rapid response.
 */
// The web app shows these seeded names in the reader's language (web/src/lib/seeded-names.ts):
// a new or renamed seed needs its entry there.
export async function seedStatementDefaults(ctx: PlatformContext): Promise<void> {
  const root = await findRootUnit(ctx.db);
  if (!root) return;
  await inTransaction(ctx, async (tx) => {
    if ((await countTemplates(tx)) === 0) {
      for (const t of templates) {
        const row = await upsertTemplate(tx, { ...t, unitId: null });
        await auditStatement(tx, systemActor('first run'), { action: 'template.saved', targetType: 'template', targetId: row.id, unitId: root.id, summary: { name: row.name, purpose: row.purpose } });
      }
    }
    if ((await listChains(tx, [root.id])).length === 0) {
      for (const chain of [
        {
          name: 'Ordinary clearance',
          fastTrack: false,
          steps: [
            { name: 'Desk review', mode: 'any' as const, approvers: [{ kind: 'role' as const, role: 'approver' as const }] },
            { name: 'Final sign-off', mode: 'any' as const, approvers: [{ kind: 'role' as const, role: 'admin' as const }] },
          ],
        },
        { name: 'Fast track (rapid response)', fastTrack: true, steps: [{ name: 'Duty approver', mode: 'any' as const, approvers: [{ kind: 'role' as const, role: 'approver' as const }] }] },
      ]) {
        const row = await upsertChain(tx, { unitId: root.id, kind: null, ...chain });
        await auditStatement(tx, systemActor('first run'), {
          action: 'clearance-chain.saved',
          targetType: 'clearance-chain',
          targetId: row.id,
          unitId: root.id,
          summary: { name: row.name, kind: null, fastTrack: row.fastTrack, steps: row.steps.length },
        });
      }
    }
  });
}
