import { describe, expect, it } from 'vitest';
import { decodeText, looksLikeTis620 } from '../../src/extractors/decode-text.ts';
import { detectFormat } from '../../src/extractors/detect-format.ts';
import { storedZip } from '../../fixtures/make/zip.ts';
import { FORMATS, mimeOf } from '../../src/extractors/formats.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** "รายงาน" in TIS-620: Thai U+0E01.. at 0xA1.. */
const tis = Uint8Array.from([0xc3, 0xd2, 0xc2, 0xa7, 0xd2, 0xb9, 0x20, 0x32, 0x35, 0x36, 0x38]);

describe('detectFormat (by bytes, never by name)', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n'), 'pdf'],
    ['plain Thai text', bytes('รายงานผลการดำเนินการ\tมาตรการ'), 'text'],
    ['the mixed form with <p> cells stays text', bytes('<p>มาตรการ</p>\t<p>ผล</p>'), 'text'],
    ['an HTML page', bytes('<!DOCTYPE html><html><body><p>x</p></body></html>'), 'html'],
    ['a pasted table', bytes('\n<table><tr><td>ก</td></tr></table>'), 'html'],
  ])('%s → %s', (_n, b, format) => {
    expect(detectFormat(b, 'x.bin').format).toBe(format);
  });

  it('calls a ZIP a DOCX by its entry word/document.xml, not by the name appearing somewhere inside', () => {
    expect(detectFormat(storedZip({ 'word/document.xml': '<w:document/>', '[Content_Types].xml': '<Types/>' }), 'report.pdf').format).toBe('docx');
    const zipOfDocx = storedZip({ 'inner.docx': storedZip({ 'word/document.xml': '<w:document/>' }) });
    expect(() => detectFormat(zipOfDocx, 'bundle.docx')).toThrow(/a ZIP archive without word\/document\.xml/);
  });

  it.each([
    ['legacy .doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /legacy Word \.doc/],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /a JPEG image/],
    ['RTF', bytes('{\\rtf1\\ansi'), /an RTF file/],
  ])('refuses %s with a reason naming the file', (_n, b, reason) => {
    expect(() => detectFormat(b, 'f.docx')).toThrow(reason);
    expect(() => detectFormat(b, 'f.docx')).toThrow(/^f\.docx: /);
  });
});

describe('decodeText', () => {
  it('detects TIS-620 bytes and decodes them as windows-874', () => {
    expect(looksLikeTis620(tis)).toBe(true);
    expect(decodeText(tis)).toEqual({ text: 'รายงาน 2568', encoding: 'windows-874' });
  });
  it('keeps valid UTF-8 as UTF-8 (a UTF-8 Thai file is not TIS-620)', () => {
    expect(decodeText(bytes('รายงาน'))?.encoding).toBe('utf-8');
  });
  it('honours a UTF-8 BOM and strips it', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('ก')]))).toEqual({ text: 'ก', encoding: 'utf-8' });
  });
  it('uses the charset an HTML page declares when the bytes are not UTF-8', () => {
    const latinish = Uint8Array.from([0xc3, 0xd2, 0x80, 0x85, 0x91, 0x92]); // Thai, then € … ‘ ’ (windows-874 only)
    expect(decodeText(latinish)).toBeNull();
    expect(decodeText(latinish, 'TIS-620')?.encoding).toBe('windows-874');
    expect(decodeText(latinish, 'x-cp874')?.encoding).toBe('windows-874');
    expect(decodeText(latinish, 'ISO-8859-11')?.encoding).toBe('windows-874');
  });
});

describe('the format registry (extractors/formats.ts)', () => {
  it('lists each source format once, with its MIME type and extensions; the API serves originals by it', () => {
    expect(FORMATS.map((f) => f.format)).toEqual(['pdf', 'docx', 'html', 'text']);
    for (const f of FORMATS) {
      expect(f.mime).toMatch(/^[a-z]+\/[\w.+-]+/);
      expect(f.extensions.length).toBeGreaterThan(0);
    }
    expect(mimeOf('pdf')).toBe('application/pdf');
    expect(mimeOf(null)).toBe('application/octet-stream');
  });
  it('detection hands back the entry that reads the bytes, and that entry reads them', async () => {
    const d = detectFormat(bytes('<!DOCTYPE html><html><body><table><tr><td>มาตรการ</td></tr></table></body></html>'), 'x.bin');
    expect(d.entry.format).toBe('html');
    const r = await d.entry.extract(d.sniffed.bytes, 'x.bin', d.sniffed);
    expect(r.value.format).toBe('html');
    expect(r.value.blocks.length).toBeGreaterThan(0);
  });
});
