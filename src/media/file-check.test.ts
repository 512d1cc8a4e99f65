import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  cleanPdf,
  decompressionBomb,
  htmlAsJpeg,
  pdfWithCompressedScript,
  pdfWithEscapedScript,
  pdfWithScript,
  photoWithGps,
  png,
  webp,
} from '../../test/support/files.ts';
import { checkFile, cleanFileName, FileRefusedError } from './file-check.ts';

const LIMITS = { maxBytes: 10 * 2 ** 20, maxPixels: 50_000_000 };

async function refusal(name: string, bytes: Buffer, limits = LIMITS): Promise<string> {
  const error = await checkFile(name, bytes, limits).catch((e: unknown) => e);
  expect(error, name).toBeInstanceOf(FileRefusedError);
  return (error as FileRefusedError).reason;
}

describe('checkFile', () => {
  it('keeps a photo upright and whole but without camera or GPS data', async () => {
    const photo = await photoWithGps(300, 200);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const kept = await checkFile('DSC 01.JPEG', photo, LIMITS);
    expect(kept).toMatchObject({ name: 'DSC 01.jpg', mime: 'image/jpeg', width: 300, height: 200 });
    const meta = await sharp(kept.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    for (const text of ['CanaryCam', 'GPS-Model-7', 'exif-canary-owner']) expect(kept.data.includes(text)).toBe(false);
  });

  it('reads the type from the content, whatever the name says', async () => {
    expect((await checkFile('scan.pdf', await png(), LIMITS)).name).toBe('scan.png');
    expect((await checkFile('x', await webp(), LIMITS)).mime).toBe('image/webp');
    expect((await checkFile('letter.jpg', cleanPdf(), LIMITS)).mime).toBe('application/pdf');
    expect(await refusal('photo.jpg', htmlAsJpeg())).toBe('type');
    expect(await refusal('empty.png', Buffer.alloc(0))).toBe('type');
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect(await refusal('a.gif', gif)).toBe('type');
    expect(await refusal('cut.png', (await png()).subarray(0, 60))).toBe('damaged');
  });

  it('refuses an image with more pixels than allowed from its header, before decoding it', async () => {
    expect(await refusal('bomb.png', decompressionBomb())).toBe('pixels');
    expect(await refusal('big.png', await png(2000, 1000), { ...LIMITS, maxPixels: 1_000_000 })).toBe('pixels');
    expect(await refusal('large.jpg', await photoWithGps(), { ...LIMITS, maxBytes: 1000 })).toBe('size');
  });

  it('refuses PDFs that can run code, however the names are hidden, and encrypted ones', async () => {
    expect(await refusal('a.pdf', pdfWithScript())).toBe('pdf-active');
    expect(await refusal('b.pdf', pdfWithEscapedScript())).toBe('pdf-active');
    expect(await refusal('c.pdf', pdfWithCompressedScript())).toBe('pdf-active');
    const with_ = (extra: string) =>
      Buffer.from(
        `%PDF-1.4\n1 0 obj\n<< /Type /Catalog ${extra} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
        'latin1',
      );
    for (const name of [
      '/Launch',
      '/EmbeddedFile',
      '/EmbeddedFiles',
      '/RichMedia',
      '/XFA',
      '/AA << /O << /S /JavaScript >> >>',
    ])
      expect(await refusal('d.pdf', with_(`/Names << ${name} 5 0 R >>`)), name).toBe('pdf-active');
    expect(
      await refusal('e.pdf', Buffer.from('%PDF-1.4\ntrailer\n<< /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF', 'latin1')),
    ).toBe('pdf-encrypted');
    // Names like /JSON or /Launcher are not actions.
    expect((await checkFile('f.pdf', with_('/JSONData 1 /Launcher 2'), LIMITS)).mime).toBe('application/pdf');
    // A name across the boundary of two slices of the scan is still found.
    const padded = Buffer.concat([
      Buffer.from('%PDF-1.4\n', 'latin1'),
      Buffer.alloc((1 << 20) - 12, 0x20),
      Buffer.from('/JavaScript (x)\n%%EOF', 'latin1'),
    ]);
    expect(await refusal('g.pdf', padded)).toBe('pdf-active');
  });

  it('refuses a PDF whose compressed streams would inflate beyond what is read', async () => {
    const huge = zlib.deflateSync(Buffer.alloc(70 * 2 ** 20));
    const bomb = Buffer.concat([
      Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${huge.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      huge,
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
    expect(await refusal('zip.pdf', bomb)).toBe('pdf-unreadable');
  });
});

describe('cleanFileName', () => {
  it('keeps a name fit to show, with the extension of the real type', () => {
    expect(cleanFileName('C:\\Users\\anna\\Brief an Oma.JPG', 'image/jpeg')).toBe('Brief an Oma.jpg');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFileName('<script>x\u0000\u202e.png', 'image/png')).toBe('scriptx.png');
    expect(cleanFileName('', 'image/webp')).toBe('file.webp');
  });
});
