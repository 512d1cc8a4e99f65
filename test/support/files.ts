import zlib from 'node:zlib';
import sharp from 'sharp';

/*
 * Files for the contribution tests, made here rather than checked in: real images (with camera and
 * GPS data to strip), a clean PDF, PDFs with scripts, an HTML file dressed as a photo and a
 * decompression bomb.
 */

/** A photo with camera make and model (IFD0) and a GPS position (IFD3), as a phone writes them. */
export async function photoWithGps(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 150, g: 120, b: 90 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'CanaryCam', Model: 'GPS-Model-7', Copyright: 'exif-canary-owner' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '23/1 39/1 0/1' },
    })
    .toBuffer();
}

export async function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 80, b: 160, alpha: 1 } } })
    .png()
    .toBuffer();
}

export async function webp(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .webp()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of a few hundred bytes whose header claims 100,000 × 100,000 pixels (ten gigapixels): a
 * decoder that believed it would try to allocate gigabytes.
 */
export function decompressionBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rows = zlib.deflateSync(Buffer.alloc(1 + 100_000 / 8), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal PDF with the given extra objects in its catalog (`/OpenAction 4 0 R` …) and streams. */
function pdf(catalogExtra: string, objects: string[] = []): Buffer {
  const parts = [
    '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n',
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>\nendobj\n`,
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
    ...objects,
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
  ];
  return Buffer.from(parts.join(''), 'latin1');
}

export function cleanPdf(): Buffer {
  return pdf('');
}

/** A PDF that runs JavaScript when opened, its action named plainly. */
export function pdfWithScript(): Buffer {
  return pdf('/OpenAction 4 0 R', ['4 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n']);
}

/** The same, with the names escaped (`/J#61vaScript`) as some PDFs hide them. */
export function pdfWithEscapedScript(): Buffer {
  return pdf('/OpenAction 4 0 R', ['4 0 obj\n<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>\nendobj\n']);
}

/** The script inside a compressed object stream, where a plain scan of the file sees nothing. */
export function pdfWithCompressedScript(): Buffer {
  const inner = Buffer.from('4 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>', 'latin1');
  const packed = zlib.deflateSync(inner);
  const head = Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`,
    'latin1',
  );
  return Buffer.concat([
    head,
    packed,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/** HTML with a script, named like a photo. */
export function htmlAsJpeg(): Buffer {
  return Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
}
