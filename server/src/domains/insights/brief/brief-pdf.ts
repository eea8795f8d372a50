// The brief as a PDF, rendered on the server with pdfkit: title, unit and day, each section's
// figures, a small bar chart where the section has one, its items as links, and page numbers.
// Every word goes through platform/pdf, which embeds subsets of Noto fonts: item titles in any
// script the listening desk collects (Arabic and Hebrew right to left) come out as written.
import type { BriefDto, BriefSectionDto } from '@diplodesk/contracts';
import PDFDocument from 'pdfkit';
import { type PdfText, pdfText } from '../../../platform/pdf/pdf-text.ts';
import { type BriefLocale, briefWords, formatDay, intlLocale } from './brief-words.ts';

const MARGIN = 50;
const INK = '#1a1b1e';
const MUTED = '#5c5f66';
const LINK = '#1c5fb8';
const BAR = '#4c6ef5';
// Item numbers stand right-aligned in a column of their own, so that a title written right to
// left keeps its number on the list's side.
const NUMBER_COLUMN = 16;
const NUMBER_GAP = 3;

type Ctx = { doc: PDFKit.PDFDocument; text: PdfText; w: (typeof briefWords)['en']; locale: BriefLocale; brief: BriefDto; staffUrl: string; width: number };

const absolute = (url: string, staffUrl: string) => (/^https?:\/\//.test(url) ? url : `${staffUrl}${url}`);

function ensureRoom(c: Ctx, height: number) {
  if (c.doc.y + height > c.doc.page.height - MARGIN - 20) c.doc.addPage();
}

function drawChart(c: Ctx, chart: NonNullable<BriefSectionDto['chart']>) {
  const { doc, text } = c;
  const height = 60;
  ensureRoom(c, height + 30);
  text.write(c.w.perHour, { x: MARGIN, width: c.width, size: 8, color: MUTED });
  const top = doc.y + 4;
  const max = Math.max(1, ...chart.map((p) => p.value));
  const step = c.width / chart.length;
  chart.forEach((p, i) => {
    const h = (p.value / max) * height;
    if (h > 0) doc.rect(MARGIN + i * step + 1, top + height - h, Math.max(1, step - 2), h).fill(BAR);
  });
  doc.moveTo(MARGIN, top + height).lineTo(MARGIN + c.width, top + height).lineWidth(0.5).strokeColor(MUTED).stroke();
  chart.forEach((p, i) => {
    if (i % 3 === 0) text.write(p.label, { x: MARGIN + i * step, y: top + height + 2, width: step * 3, size: 7, color: MUTED, maxLines: 1 });
  });
  text.write(`max ${max}`, { x: MARGIN, y: top - 2, width: c.width, size: 7, color: MUTED, align: 'right', maxLines: 1 });
  doc.x = MARGIN;
  doc.y = top + height + 14;
}

function drawItems(c: Ctx, s: BriefSectionDto) {
  const { doc, text, w } = c;
  const number = new Intl.NumberFormat(intlLocale(c.locale), { maximumFractionDigits: 2 });
  const time = new Intl.DateTimeFormat(intlLocale(c.locale), { timeStyle: 'short', timeZone: c.brief.timeZone });
  const indent = MARGIN + NUMBER_COLUMN + NUMBER_GAP;
  s.items.forEach((item, i) => {
    ensureRoom(c, 30);
    const top = doc.y;
    text.write(`${i + 1}.`, { x: MARGIN, y: top, width: NUMBER_COLUMN, size: 10, color: LINK, align: 'right', maxLines: 1 });
    text.write(item.titles?.[c.locale] ?? item.title, { x: indent, y: top, width: MARGIN + c.width - indent, size: 10, color: LINK, link: absolute(item.url, c.staffUrl) });
    const meta = [item.count !== null ? w.items(number.format(item.count), item.count) : null, item.at ? time.format(new Date(item.at)) : null, item.tag ? (w.kinds[item.tag] ?? item.tag) : null].filter(Boolean).join(' · ');
    if (meta) text.write(meta, { x: indent, width: MARGIN + c.width - indent, size: 8, color: MUTED });
    doc.y += 3;
  });
}

function drawSection(c: Ctx, s: BriefSectionDto) {
  const { doc, text, w } = c;
  ensureRoom(c, 60);
  doc.y += 8;
  text.write(w.sections[s.id] ?? s.id, { x: MARGIN, width: c.width, size: 14, style: 'bold', color: INK });
  doc.y += 2;
  if (s.state === 'not-configured') {
    text.write(w.notConfigured[s.id] ?? w.notConfigured.default ?? '', { x: MARGIN, width: c.width, size: 10, style: 'italic', color: MUTED });
    return;
  }
  const number = new Intl.NumberFormat(intlLocale(c.locale), { maximumFractionDigits: 2 });
  if (s.figures.length > 0) {
    const line = s.figures.map((f) => `${w.figures[f.key] ?? f.key}: ${number.format(f.value)}`).join('     ');
    text.write(line, { x: MARGIN, width: c.width, size: 10, color: INK });
    doc.y += 4;
  }
  if (s.chart && s.chart.length > 0) drawChart(c, s.chart);
  if (s.items.length === 0) {
    text.write(w.none[s.id] ?? w.none.default ?? '', { x: MARGIN, width: c.width, size: 10, style: 'italic', color: MUTED });
    return;
  }
  drawItems(c, s);
}

/** Page numbers and the unit and day, inside the bottom margin of every page. */
function drawFooters(c: Ctx, day: string) {
  const { doc, text } = c;
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Written inside the bottom margin: lift the margin so the writer does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 10;
    text.write(`${c.brief.unitName} · ${day}`, { x: MARGIN, y, width: c.width / 2, size: 8, color: MUTED, align: 'left', maxLines: 1 });
    text.write(c.w.page(i + 1, pages.count), { x: MARGIN + c.width / 2, y, width: c.width / 2, size: 8, color: MUTED, align: 'right', maxLines: 1 });
    doc.page.margins.bottom = bottom;
  }
}

/** The PDF bytes of a brief in one language; links point into the staff app at `staffUrl`. */
export async function renderBriefPdf(brief: BriefDto, locale: BriefLocale, staffUrl: string): Promise<Buffer> {
  const w = briefWords[locale];
  const day = formatDay(brief.date, locale);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, lang: locale, info: { Title: `${w.title}: ${brief.unitName}, ${day}`, Author: 'DiploDesk', CreationDate: new Date(brief.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const text = pdfText(doc);
  const c: Ctx = { doc, text, w, locale, brief, staffUrl, width: doc.page.width - 2 * MARGIN };
  text.write(w.title, { x: MARGIN, width: c.width, size: 22, style: 'bold', color: INK });
  text.write(`${w.unit}: ${brief.unitName}`, { x: MARGIN, width: c.width, size: 12, color: INK });
  text.write(`${w.day}: ${day} (${brief.timeZone})`, { x: MARGIN, width: c.width, size: 12, color: INK });
  const generated = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: brief.timeZone }).format(new Date(brief.generatedAt));
  text.write(`${w.generated}: ${generated}`, { x: MARGIN, width: c.width, size: 9, color: MUTED });
  doc.y += 5;
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + c.width, doc.y).lineWidth(1).strokeColor('#ced4da').stroke();
  for (const s of brief.sections) drawSection(c, s);
  drawFooters(c, day);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
