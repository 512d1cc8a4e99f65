// What contributions cost, in-process, on SQLite and on an embedded PostgreSQL:
//   npx tsx bench/contributions.ts [--runs N]
// Checking a 12-megapixel photo (type from content, decoded and written again without metadata),
// making its web size and thumbnail, scanning an 8 MiB PDF for active content, a whole
// contribution with that photo sent through the form, the person page with five photos, and the
// longest the event loop stalled meanwhile (how responsive the server stays). Markdown to stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { DEFAULT_CONTRIBUTION_SETTINGS } from '../src/contributions/settings.ts';
import type { Storage } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { checkFile, checkPdf } from '../src/media/file-check.ts';
import { addMedia, prepareMediaFiles } from '../src/media/media.service.ts';
import { createPerson } from '../src/persons/person.service.ts';
import { createApp } from '../src/web/app.tsx';
import { onBothEngines, quantiles } from './engines.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const RUNS = Number(values.runs);
const LIMITS = { maxBytes: 12 * 2 ** 20, maxPixels: 50_000_000 };

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ ms: number[]; stallMs: number }> {
  await work();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  loop.disable();
  return { ms, stallMs: loop.max / 1e6 };
}

/** A 12-megapixel photo with grain, so that it compresses like a real one (a few MiB as JPEG). */
const photo = await sharp({
  create: {
    width: 4000,
    height: 3000,
    channels: 3,
    background: '#8a7560',
    noise: { type: 'gaussian', mean: 120, sigma: 25 },
  },
})
  .jpeg({ quality: 85 })
  .withExif({ IFD0: { Make: 'Bench', Model: 'Camera' } })
  .toBuffer();

/** An 8 MiB PDF of pages whose content streams are compressed, as scanners and word processors write them. */
function bigPdf(): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1')];
  let size = 0;
  for (let n = 3; size < 8 * 2 ** 20; n++) {
    const content = zlib.deflateSync(
      Buffer.from(`BT /F1 12 Tf 72 720 Td (${'Page text '.repeat(4000)}${n}) Tj ET`.repeat(8)),
    );
    const random = Buffer.alloc(64 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761 + n) & 0xff;
    const chunk = Buffer.concat([
      Buffer.from(`${n} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      content,
      Buffer.from(
        `\nendstream\nendobj\n${n + 1000} 0 obj\n<< /Subtype /Image /Filter /DCTDecode >>\nstream\n`,
        'latin1',
      ),
      random,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}

const rows: string[] = [];
const row = (engine: string, what: string, runs: number, t: { ms: number[]; stallMs: number }) =>
  rows.push(`| ${engine} | ${what} | ${runs} | ${quantiles(t.ms, 1)} | ${t.stallMs.toFixed(0)} |`);

const pdf = bigPdf();
const checked = await checkFile('photo.jpg', photo, LIMITS);
row(
  '—',
  `check a 12 MP JPEG of ${(photo.length / 2 ** 20).toFixed(1)} MiB (type, decode, write again without metadata)`,
  RUNS,
  await timed(RUNS, () => checkFile('photo.jpg', photo, LIMITS)),
);
row('—', 'web size (1600 px) and thumbnail (360 px) of it', RUNS, await timed(RUNS, () => prepareMediaFiles(checked)));
row(
  '—',
  `scan a PDF of ${(pdf.length / 2 ** 20).toFixed(1)} MiB for active content`,
  RUNS,
  await timed(RUNS, () => checkPdf(pdf, 'big.pdf')),
);

async function measure(storage: Storage, engine: string): Promise<void> {
  await migrateToLatest(storage.db);
  const settings = {
    ...DEFAULT_CONTRIBUTION_SETTINGS,
    files: { ...DEFAULT_CONTRIBUTION_SETTINGS.files, maxBytes: LIMITS.maxBytes },
    rate: { windowMinutes: 1, perAddress: 1e9, total: 1e9 },
  };
  const app = createApp(storage, { contributions: settings });
  const person = await createPerson(storage.db, {
    names: [{ kind: 'birth', given: 'Bench', surname: 'Person' }],
    status: 'published',
  });
  const files = await prepareMediaFiles(checked);
  for (let i = 0; i < 5; i++)
    await addMedia(storage.db, {
      recordType: 'person',
      recordId: person,
      kind: 'photo',
      caption: `Photo ${i}`,
      date: '1936',
      credit: 'Bench',
      licence: 'cc-by-4.0',
      sourceId: null,
      files,
    });

  const page = await app.request(`/en/contribute?person=${person}`);
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const send = async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      _csrf: csrf,
      person: String(person),
      relation: 'relative',
      message: 'A photo.',
      email: 'bench@example.org',
      consentPublish: 'on',
      licence: 'cc-by-4.0',
    }))
      form.set(k, v);
    form.append('files', new File([photo], 'photo.jpg'));
    const res = await app.request('/en/contribute', { method: 'POST', headers: { cookie }, body: form });
    if (res.status !== 303) throw new Error(`send: ${res.status}`);
  };
  row(engine, 'send a contribution with that photo through the form', RUNS, await timed(RUNS, send));
  const view = async () => {
    const res = await app.request(`/en/persons/${person}`);
    await res.text();
  };
  row(engine, 'person page with five photos', RUNS * 10, await timed(RUNS * 10, view));
  const thumb = async () => {
    const res = await app.request('/media/1/thumb');
    await res.arrayBuffer();
  };
  row(engine, 'a thumbnail', RUNS * 10, await timed(RUNS * 10, thumb));
}

await onBothEngines('contributions', measure);
console.log('| engine | what | n | median / p95 ms | longest event-loop stall ms |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
