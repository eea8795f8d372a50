import { describe, expect, it } from 'vitest';
import { checkFileContent } from './file-check.ts';

const check = (mimeType: string, fileName: string, file: Buffer) => checkFileContent(mimeType, fileName, file.length, async (offset, length) => file.subarray(offset, offset + length));

function box(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}

describe('checkFileContent', () => {
  it('walks ISO-BMFF boxes: sizes must chain to the end, with moov and mdat', async () => {
    const ftyp = box('ftyp', Buffer.from('qt  \0\0\0\0qt  ', 'latin1'));
    expect(await check('video/quicktime', 'clip.mov', Buffer.concat([ftyp, box('moov'), box('mdat', Buffer.alloc(10))]))).toBeNull();
    expect(await check('video/mp4', 'clip.mp4', Buffer.concat([ftyp, Buffer.alloc(5000)]))).toMatch(/no valid box at byte 20/);
    expect(await check('video/mp4', 'clip.mp4', Buffer.concat([ftyp, box('mdat', Buffer.alloc(10))]))).toMatch(/no moov box/);
    expect(await check('video/mp4', 'clip.mp4', Buffer.concat([ftyp, box('moov'), box('mdat', Buffer.alloc(10)).subarray(0, 12)]))).toMatch(/runs past the end/);
    // A 64-bit size that claims more than the file holds.
    const large = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), Buffer.from([0, 0, 0, 1, 0, 0, 0, 0])]);
    expect(await check('video/mp4', 'clip.mp4', Buffer.concat([ftyp, box('moov'), large]))).toMatch(/runs past the end/);
  });

  it('checks WebM and WebP sizes', async () => {
    // EBML header (id 1A45DFA3, size 0) then a Segment (18538067) of 2 bytes.
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0x82, 0xec, 0x80]);
    expect(await check('video/webm', 'a.webm', webm)).toBeNull();
    expect(await check('video/webm', 'a.webm', Buffer.concat([webm, Buffer.alloc(100)]))).toMatch(/Segment does not end/);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([12, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(4)]);
    expect(await check('image/webp', 'a.webp', webp)).toBeNull();
    expect(await check('image/webp', 'a.webp', Buffer.concat([webp, Buffer.from('<script>')]))).not.toBeNull();
  });

  it('refuses programs and markup whatever they are called, and names that do not match', async () => {
    expect(await check('image/png', 'a.png', Buffer.from('\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0', 'latin1'))).toMatch(/ELF program/);
    expect(await check('application/pdf', 'a.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'))).toMatch(/a script/);
    expect(await check('application/pdf', 'a.pdf', Buffer.from('  <!DOCTYPE html><p>hi</p>'))).toMatch(/web page/);
    expect(await check('image/jpeg', 'a.JPG.html', Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatch(/ends in \.html/);
    expect(await check('image/png', 'a.png', Buffer.alloc(0))).toMatch(/empty/);
    expect(await check('image/png', 'a.png', Buffer.from('<?xml version="1.0"?><svg/>'))).toMatch(/web page, SVG/);
  });

  it('allows the NUL padding some writers leave after a PDF or JPEG end, nothing else', async () => {
    const pdf = Buffer.from('%PDF-1.4\nstartxref\n0\n%%EOF\n', 'latin1');
    expect(await check('application/pdf', 'a.pdf', Buffer.concat([pdf, Buffer.alloc(64)]))).toBeNull();
    expect(await check('application/pdf', 'a.pdf', Buffer.concat([pdf, Buffer.from('alert(1)')]))).toMatch(/after its %%EOF/);
    const jpeg = Buffer.from('ffd8ffe0ffda0000ffd9', 'hex');
    expect(await check('image/jpeg', 'a.jpg', Buffer.concat([jpeg, Buffer.alloc(16)]))).toBeNull();
    expect(await check('image/jpeg', 'a.jpg', Buffer.concat([jpeg, Buffer.from('<p>')]))).toMatch(/end-of-image/);
  });
});
