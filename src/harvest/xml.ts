import type { create as createDocument } from 'xmlbuilder2';

/** xmlbuilder2 takes a noticeable time to load; only processes that write XML load it. */
let library: Promise<typeof createDocument> | undefined;

/** Starts an XML document (xmlbuilder2's `create`), its text escaped and characters XML forbids left out. */
export async function xmlDocument() {
  library ??= import('xmlbuilder2').then((m) => m.create);
  const create = await library;
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
}
