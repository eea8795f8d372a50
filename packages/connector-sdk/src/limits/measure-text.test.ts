import { describe, expect, it } from 'vitest';
import { measureText } from './measure-text.ts';

const FAMILY = '👨‍👩‍👧‍👦'; // man ZWJ woman ZWJ girl ZWJ boy: 7 code points, 11 UTF-16 units
const FLAG_ID = '🇮🇩'; // two regional indicators
const THUMB_SKIN = '👍🏽'; // thumbs up + skin-tone modifier
const LONG_URL = `https://kemlu.go.id/portal/id/read/${'siaran-pers-'.repeat(20)}/2026`;

describe('measureText("x") — X weighting (configuration v3)', () => {
  it('counts Latin (English, Indonesian) as 1 per character', () => {
    expect(measureText('x', 'The Minister welcomes the ceasefire.').used).toBe(36);
    expect(measureText('x', 'Menteri Luar Negeri menyambut baik gencatan senjata.').used).toBe(52);
  });

  it('counts Arabic as 1 (inside U+0000–U+10FF) and CJK, including CJK punctuation, as 2', () => {
    expect(measureText('x', 'مرحبا').used).toBe(5);
    expect(measureText('x', 'بيان صحفي').used).toBe(9);
    expect(measureText('x', '本日、外務大臣は声明を発表しました。').used).toBe(36);
  });

  it('counts any emoji sequence as 2, however many code points it has', () => {
    expect(measureText('x', FAMILY).used).toBe(2);
    expect(measureText('x', FLAG_ID).used).toBe(2);
    expect(measureText('x', THUMB_SKIN).used).toBe(2);
    expect(measureText('x', `${FAMILY}${FLAG_ID}${THUMB_SKIN}`).used).toBe(6);
  });

  it('counts newer ZWJ sequences as one emoji too (Unicode grapheme rules, not a fixed list)', () => {
    expect(measureText('x', '🐦‍🔥').used).toBe(2); // phoenix, Emoji 15.1: bird + ZWJ + fire
    expect(measureText('x', '🫠').used).toBe(2); // a single newer code point is 2 anyway
  });

  it('counts every URL as 23, long or short', () => {
    expect(measureText('x', LONG_URL).used).toBe(23);
    expect(measureText('x', 'https://t.co/a').used).toBe(23);
    expect(measureText('x', `Selamat Hari Kemerdekaan! ${FLAG_ID} https://kemlu.go.id/siaran-pers/123`).used).toBe(52);
  });

  it('counts mentions and hashtags literally', () => {
    expect(measureText('x', '@Kemlu_RI #DiplomasiIndonesia').used).toBe(29);
  });

  it('normalises to NFC first, so e + combining acute is one character', () => {
    expect(measureText('x', 'Caf' + 'e\u0301').used).toBe(4);
  });

  it('is within the limit at exactly 280 and over at 281', () => {
    const at = measureText('x', 'a'.repeat(280));
    expect(at).toEqual({ used: 280, limit: 280, remaining: 0, over: false, unit: 'weighted-chars' });
    const over = measureText('x', 'a'.repeat(281));
    expect(over.over).toBe(true);
    expect(over.remaining).toBe(-1);
    expect(over.details?.overflowFrom).toBe(280);
  });

  it('hits the limit at 140 CJK characters', () => {
    expect(measureText('x', '日'.repeat(140)).over).toBe(false);
    expect(measureText('x', '日'.repeat(141)).used).toBe(282);
  });

  it('puts a URL on the boundary at its 23-character cost', () => {
    expect(measureText('x', `${'a'.repeat(256)} ${LONG_URL}`).used).toBe(280);
    expect(measureText('x', `${'a'.repeat(257)} ${LONG_URL}`).over).toBe(true);
  });
});

describe('measureText("bluesky") — 300 graphemes', () => {
  it('counts a ZWJ family, a flag and a skin tone as one grapheme each', () => {
    expect(measureText('bluesky', `${FAMILY}${FLAG_ID}${THUMB_SKIN}`).used).toBe(3);
  });

  it('counts Arabic with harakat and Latin with combining marks by grapheme', () => {
    expect(measureText('bluesky', 'مُحَمَّد').used).toBe(4); // 8 code points
    expect(measureText('bluesky', 'Cafe\u0301').used).toBe(4);
    expect(measureText('bluesky', 'こんにちは').used).toBe(5);
  });

  it('counts URLs at their full length (Bluesky does not shorten)', () => {
    expect(measureText('bluesky', 'https://kemlu.go.id/').used).toBe(20);
  });

  it('is within the limit at exactly 300 and over at 301', () => {
    expect(measureText('bluesky', 'a'.repeat(300))).toEqual({ used: 300, limit: 300, remaining: 0, over: false, unit: 'graphemes' });
    const over = measureText('bluesky', 'a'.repeat(301));
    expect(over.over).toBe(true);
    expect(over.details?.overflowFrom).toBe(300);
  });

  it('fits 300 family emoji although their UTF-16 length is 3,300', () => {
    expect(measureText('bluesky', FAMILY.repeat(300)).over).toBe(false);
    const over = measureText('bluesky', FAMILY.repeat(301));
    expect(over.used).toBe(301);
    expect(over.details?.overflowFrom).toBe(300 * FAMILY.length);
  });
});

describe('measureText("mastodon") — instance limit, graphemes, URLs 23', () => {
  it('defaults to 500 and honours the instance limit', () => {
    expect(measureText('mastodon', 'a'.repeat(500)).over).toBe(false);
    expect(measureText('mastodon', 'a'.repeat(501)).over).toBe(true);
    expect(measureText('mastodon', 'a'.repeat(501), { instanceLimit: 1000 })).toMatchObject({ limit: 1000, remaining: 499, over: false });
  });

  it('counts http(s) URLs as 23 but a bare domain literally', () => {
    expect(measureText('mastodon', `Baca: ${LONG_URL}`).used).toBe(29);
    expect(measureText('mastodon', 'Baca: kemlu.go.id').used).toBe(17);
    expect(measureText('mastodon', `Baca: ${LONG_URL}`, { charactersReservedPerUrl: 30 }).used).toBe(36);
  });

  it('counts a remote mention without its domain, a local one in full', () => {
    expect(measureText('mastodon', '@consul@social.example.id halo').used).toBe(12);
    expect(measureText('mastodon', '@consul halo').used).toBe(12);
    expect(measureText('mastodon', 'surel info@kemlu.go.id').used).toBe(22);
  });

  it('counts graphemes, so emoji sequences and Arabic marks are one each', () => {
    expect(measureText('mastodon', `${FAMILY} ${FLAG_ID} مُحَمَّد`).used).toBe(8);
  });

  it('includes the content warning in the same limit', () => {
    expect(measureText('mastodon', 'a'.repeat(498), { spoilerText: 'CW' }).over).toBe(false);
    expect(measureText('mastodon', 'a'.repeat(499), { spoilerText: 'CW' }).used).toBe(501);
  });
});

describe('measureText("telegram") — UTF-16 units', () => {
  it('allows 4,096 for a message and 1,024 for a caption', () => {
    expect(measureText('telegram', 'a'.repeat(4096)).over).toBe(false);
    expect(measureText('telegram', 'a'.repeat(4097)).over).toBe(true);
    expect(measureText('telegram', 'a'.repeat(1024), { caption: true })).toMatchObject({ limit: 1024, over: false });
    expect(measureText('telegram', 'a'.repeat(1025), { caption: true }).over).toBe(true);
  });

  it('counts an astral emoji as 2 units', () => {
    expect(measureText('telegram', '😀'.repeat(2048)).used).toBe(4096);
    expect(measureText('telegram', '😀'.repeat(2049)).over).toBe(true);
    expect(measureText('telegram', 'بيان').used).toBe(4);
  });
});

describe('measureText("facebook") and YouTube', () => {
  it('allows 63,206 code points on Facebook', () => {
    expect(measureText('facebook', 'a'.repeat(63_206)).over).toBe(false);
    expect(measureText('facebook', 'a'.repeat(63_207)).over).toBe(true);
    expect(measureText('facebook', FLAG_ID).used).toBe(2);
  });

  it('allows 100 characters in a YouTube title, in any script', () => {
    expect(measureText('youtube-title', '日'.repeat(100)).over).toBe(false);
    expect(measureText('youtube-title', 'a'.repeat(101)).over).toBe(true);
  });

  it('flags < and > in YouTube fields regardless of length', () => {
    expect(measureText('youtube-title', 'A <b>bold</b> title').details?.problems).toHaveLength(1);
    expect(measureText('youtube-title', 'A plain title').details).toBeUndefined();
  });

  it('measures a YouTube description in UTF-8 bytes', () => {
    expect(measureText('youtube-description', 'a'.repeat(5000)).over).toBe(false);
    expect(measureText('youtube-description', 'a'.repeat(5001)).over).toBe(true);
    expect(measureText('youtube-description', 'ع'.repeat(2500))).toMatchObject({ used: 5000, over: false, unit: 'utf8-bytes' });
    expect(measureText('youtube-description', '日'.repeat(1666)).used).toBe(4998);
    const over = measureText('youtube-description', '日'.repeat(1667));
    expect(over.over).toBe(true);
    expect(over.details?.overflowFrom).toBe(1666);
  });
});

describe('URLs as X and Mastodon find them', () => {
  it('counts bare domains for X but not for Mastodon, and stops URLs at sentence punctuation', () => {
    expect(measureText('x', 'Baca di kemlu.go.id/berita.').used).toBe(8 + 23 + 1);
    expect(measureText('x', 'Lihat (https://kemlu.go.id/a).').used).toBe(7 + 23 + 2);
    expect(measureText('x', 'surel info@kemlu.go.id').used).toBe(22);
    expect(measureText('x', 'versi 1.2.3 dan file.txt').used).toBe(24);
    expect(measureText('mastodon', 'Baca di kemlu.go.id/berita.').used).toBe(27);
  });
});
