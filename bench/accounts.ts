// What accounts cost a request, in-process (app.request), on SQLite and on an embedded PostgreSQL:
//   npx tsx bench/accounts.ts [--requests N]
// A reader without cookies pays nothing (no query); a signed-in page one session lookup (and a
// write of its last use at most once a minute); an API call with a token one token lookup; a
// sign-in one scrypt verification. Results go to stdout as a Markdown table.
import { parseArgs } from 'node:util';
import { COMMAND_LINE } from '../src/accounts/audit.ts';
import { DEFAULT_ACCOUNT_SETTINGS } from '../src/accounts/settings.ts';
import { createToken } from '../src/accounts/token.service.ts';
import { addUser } from '../src/accounts/user.service.ts';
import type { Storage } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { createApp } from '../src/web/app.tsx';
import { onBothEngines, quantiles } from './engines.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const N = Number(values.requests);

async function measure(storage: Storage, engine: string): Promise<string[]> {
  await migrateToLatest(storage.db);
  // No throttle: the benchmark signs in many times from one address.
  const app = createApp(storage, {
    accounts: { ...DEFAULT_ACCOUNT_SETTINGS, throttle: { windowMinutes: 1, perAccount: 1e9, perAddress: 1e9 } },
  });
  const password = 'a benchmark password';
  const user = await addUser(storage.db, { name: 'bench', role: 'editor', password }, COMMAND_LINE);
  const { token } = await createToken(storage.db, user.id, { label: 'bench' }, COMMAND_LINE);

  const form = await app.request('/en/sign-in');
  const anon = form.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signIn = () =>
    app.request('/en/sign-in', {
      method: 'POST',
      headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, name: 'bench', password }).toString(),
    });
  const session = (await signIn()).headers.getSetCookie()[0]!.split(';')[0]!;

  const cases: [string, () => Response | Promise<Response>, number][] = [
    ['about page, anonymous', () => app.request('/en/about'), N],
    ['about page, signed in', () => app.request('/en/about', { headers: { cookie: session } }), N],
    [
      'GET /api/v1/me, bearer token',
      () => app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }),
      N,
    ],
    ['sign-in (scrypt N=2^15)', signIn, Math.min(N, 50)],
  ];
  const rows: string[] = [];
  for (const [name, run, count] of cases) {
    for (let i = 0; i < Math.min(50, count); i++) await (await run()).arrayBuffer();
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await run();
      await res.arrayBuffer();
      ms.push(performance.now() - started);
      if (res.status >= 400) throw new Error(`${name}: ${res.status}`);
    }
    rows.push(`| ${engine} | ${name} | ${count} | ${quantiles(ms)} |`);
  }
  return rows;
}

const rows: string[] = [];
await onBothEngines('accounts', async (storage, engine) => {
  rows.push(...(await measure(storage, engine)));
});
console.log('| engine | request | n | median / p95 ms |\n|---|---|---|---|');
console.log(rows.join('\n'));
