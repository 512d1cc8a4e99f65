// Takes phone- and desktop-width screenshots of pages of a running archive, for looking at them:
//   npx tsx scripts/screenshot.ts http://localhost:3000 /en/ /en/persons/3 …  (PNGs go to var/screenshots)
// Pages for signed-in users: SCREENSHOT_COOKIE='fates_session=…' sends that cookie along.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/support/browser.ts';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: tsx scripts/screenshot.ts <base-url> <path> [path …]');
  process.exit(2);
}
const out = path.resolve('var/screenshots');
fs.mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
for (const [label, width, height] of [
  ['phone', 390, 844],
  ['desktop', 1280, 900],
] as const) {
  const page = await browser.newPage({ viewport: { width, height } });
  const cookie = process.env.SCREENSHOT_COOKIE?.match(/^([^=]+)=(.*)$/);
  if (cookie) await page.context().addCookies([{ name: cookie[1]!, value: cookie[2]!, url: base }]);
  for (const p of paths) {
    await page.goto(base + p);
    const file = path.join(out, `${p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
