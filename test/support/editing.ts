import type { EngineName } from '../../src/db/connection.ts';
import { listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import { insertUser } from './accounts.ts';
import { openTestArchive, type TestArchive } from './app.ts';
import { Client, type Reply } from './client.ts';
import { formEntries, postEntries, withFields } from './forms.ts';

/** The sample archive with an editor, a second editor and a reviewer, each signed in with a browser of their own. */
export interface EditingArchive extends TestArchive {
  editor: Client;
  other: Client;
  reviewer: Client;
  anonymous: Client;
  userIds: Record<'editor' | 'other' | 'reviewer', number>;
}

export async function openEditingArchive(engine: EngineName): Promise<EditingArchive> {
  const archive = await openTestArchive(engine);
  const userIds = {} as EditingArchive['userIds'];
  const clients = {} as Record<'editor' | 'other' | 'reviewer', Client>;
  for (const [key, name, role] of [
    ['editor', 'mensing', 'editor'],
    ['other', 'weber', 'editor'],
    ['reviewer', 'reader', 'reviewer'],
  ] as const) {
    const user = await insertUser(archive.storage.db, { name, role, displayName: `The ${key}` });
    userIds[key] = user.id;
    clients[key] = new Client(archive.app);
    await clients[key].signIn(name, user.password);
  }
  return { ...archive, ...clients, anonymous: new Client(archive.app), userIds };
}

/** Opens a form page and sends it back with some fields changed (or added): what a browser does. */
export async function submitForm(
  client: Client,
  path: string,
  changes: Record<string, string> = {},
  options: { action?: string; which?: RegExp; drop?: string[] } = {},
): Promise<Reply> {
  const page = await client.get(path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const entries = withFields(formEntries(page.text, options.which), changes).filter(
    ([k]) => !options.drop?.includes(k),
  );
  return postEntries(client, options.action ?? path.split('?')[0]!, entries);
}

/** How many revisions a record has: what tests compare to see that nothing was saved. */
export async function revisionCount(archive: TestArchive, type: string, id: number): Promise<number> {
  return (await listRecordRevisions(archive.storage.db, type, id, 10_000)).length;
}

/** The id in a redirect to a record's page (`/en/persons/12/edit?…`). */
export function idFrom(location: string | null): number {
  const m = /\/(?:persons|events|places|organizations|sources|proposals)\/(\d+)/.exec(location ?? '');
  if (!m) throw new Error(`no record in ${location}`);
  return Number(m[1]);
}
