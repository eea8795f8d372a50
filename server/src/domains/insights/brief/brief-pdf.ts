// The brief as a PDF, rendered on the server with pdfkit: title, unit and day, each section's
// figures, a small bar chart where the section has one, its items as links, and page numbers.
// The standard PDF fonts (Helvetica) cover English and Indonesian; characters outside their
// Windows-1252 set (other scripts in item titles) are shown without accents or as "?".
import type { BriefDto, BriefSectionDto } from '@diplodesk/contracts';
import PDFDocument from 'pdfkit';
import { type BriefLocale, briefWords, formatDay, intlLocale } from './brief-words.ts';

const MARGIN = 50;
const INK = '#1a1b1e';
const MUTED = '#5c5f66';
const LINK = '#1c5fb8';
const BAR = '#4c6ef5';
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can draw: Latin-1 and the Windows-1252 extras; other letters lose their accents or become "?". */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => (c.codePointAt(0) ?? 0) < 0x100) ? base : '?';
    }
  }
  return out;
}

type Ctx = { doc: PDFKit.PDFDocument; w: (typeof briefWords)['en']; locale: BriefLocale; brief: BriefDto; staffUrl: string; width: number };

const absolute = (url: string, staffUrl: string) => (/^https?:\/\//.test(url) ? url : `${staffUrl}${url}`);

function ensureRoom(c: Ctx, height: number) {
  if (c.doc.y + height > c.doc.page.height - MARGIN - 20) c.doc.addPage();
}

function drawChart(c: Ctx, chart: NonNullable<BriefSectionDto['chart']>) {
  const { doc } = c;
  const height = 60;
  ensureRoom(c, height + 30);
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(c.w.perHour, MARGIN, doc.y);
  const top = doc.y + 4;
  const max = Math.max(1, ...chart.map((p) => p.value));
  const step = c.width / chart.length;
  chart.forEach((p, i) => {
    const h = (p.value / max) * height;
    if (h > 0) doc.rect(MARGIN + i * step + 1, top + height - h, Math.max(1, step - 2), h).fill(BAR);
  });
  doc.moveTo(MARGIN, top + height).lineTo(MARGIN + c.width, top + height).lineWidth(0.5).strokeColor(MUTED).stroke();
  doc.fontSize(7).fillColor(MUTED);
  chart.forEach((p, i) => {
    if (i % 3 === 0) doc.text(p.label, MARGIN + i * step, top + height + 2, { width: step * 3, lineBreak: false });
  });
  doc.text(`max ${max}`, MARGIN, top - 2, { width: c.width, align: 'right', lineBreak: false });
  doc.x = MARGIN;
  doc.y = top + height + 14;
}

function drawSection(c: Ctx, s: BriefSectionDto) {
  const { doc, w } = c;
  ensureRoom(c, 60);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(14).fillColor(INK).text(pdfSafe(w.sections[s.id] ?? s.id), MARGIN, doc.y, { width: c.width });
  doc.moveDown(0.2);
  if (s.state === 'not-configured') {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(w.notConfigured[s.id] ?? w.notConfigured.default ?? '', { width: c.width });
    return;
  }
  const number = new Intl.NumberFormat(intlLocale(c.locale), { maximumFractionDigits: 2 });
  if (s.figures.length > 0) {
    const line = s.figures.map((f) => `${w.figures[f.key] ?? f.key}: ${number.format(f.value)}`).join('     ');
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(pdfSafe(line), { width: c.width });
    doc.moveDown(0.3);
  }
  if (s.chart && s.chart.length > 0) drawChart(c, s.chart);
  if (s.items.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(w.none[s.id] ?? w.none.default ?? '', MARGIN, doc.y, { width: c.width });
    return;
  }
  const time = new Intl.DateTimeFormat(intlLocale(c.locale), { timeStyle: 'short', timeZone: c.brief.timeZone });
  s.items.forEach((item, i) => {
    ensureRoom(c, 30);
    doc.font('Helvetica').fontSize(10).fillColor(LINK).text(pdfSafe(`${i + 1}. ${item.title}`), MARGIN, doc.y, { width: c.width, link: absolute(item.url, c.staffUrl) });
    const meta = [item.count !== null ? w.items(number.format(item.count), item.count) : null, item.at ? time.format(new Date(item.at)) : null, item.tag ? (w.kinds[item.tag] ?? item.tag) : null].filter(Boolean).join(' · ');
    if (meta) doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(pdfSafe(meta), MARGIN + 12, doc.y, { width: c.width - 12 });
    doc.moveDown(0.25);
  });
}

/** The PDF bytes of a brief in one language; links point into the staff app at `staffUrl`. */
export async function renderBriefPdf(brief: BriefDto, locale: BriefLocale, staffUrl: string): Promise<Buffer> {
  const w = briefWords[locale];
  const day = formatDay(brief.date, locale);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, lang: locale, info: { Title: pdfSafe(`${w.title}: ${brief.unitName}, ${day}`), Author: 'DiploDesk', CreationDate: new Date(brief.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const c: Ctx = { doc, w, locale, brief, staffUrl, width: doc.page.width - 2 * MARGIN };
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(pdfSafe(w.title), { width: c.width });
  doc.font('Helvetica').fontSize(12).fillColor(INK).text(pdfSafe(`${w.unit}: ${brief.unitName}`), { width: c.width });
  doc.text(pdfSafe(`${w.day}: ${day} (${brief.timeZone})`), { width: c.width });
  const generated = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: brief.timeZone }).format(new Date(brief.generatedAt));
  doc.fontSize(9).fillColor(MUTED).text(pdfSafe(`${w.generated}: ${generated}`), { width: c.width });
  doc.moveDown(0.4);
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + c.width, doc.y).lineWidth(1).strokeColor('#ced4da').stroke();
  for (const s of brief.sections) drawSection(c, s);
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Written inside the bottom margin: lift the margin so pdfkit does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(pdfSafe(`${brief.unitName} · ${day}`), MARGIN, doc.page.height - MARGIN + 10, { width: c.width / 2, lineBreak: false });
    doc.text(w.page(i + 1, pages.count), MARGIN + c.width / 2, doc.page.height - MARGIN + 10, { width: c.width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
