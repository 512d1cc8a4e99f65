import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { dataLicence } from '../archive/data-licence.ts';
import { aggregate } from '../db/aggregate-cache.ts';
import type { Db } from '../db/connection.ts';
import { earliestPersonChange } from '../persons/person-index.repository.ts';
import { earliestSourceChange } from '../sources/source.repository.ts';
import { type DcRecord, listStamps, loadDcRecords, recordStamp } from './oai-records.ts';
import {
  encodeToken,
  type ListState,
  METADATA_PREFIX,
  OaiError,
  type OaiRequest,
  type OaiSet,
  oaiIdentifier,
  parseOaiIdentifier,
  parseOaiRequest,
  SETS,
} from './oai-request.ts';
import { xmlDocument } from './xml.ts';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Records per response of ListRecords, and identifiers per response of ListIdentifiers. */
export const RECORDS_PER_PAGE = 100;
export const IDENTIFIERS_PER_PAGE = 500;

export interface OaiContext {
  db: Db;
  /** The archive's public origin; the endpoint is `${origin}/oai`. */
  origin: string;
  repositoryName: string;
  adminEmail: string;
  now: Date;
}

const SET_NAMES: Record<OaiSet, string> = { persons: 'Persons', sources: 'Sources' };

/** A stored change time (`YYYY-MM-DD HH:MM:SS`) as an OAI-PMH datestamp. */
const utc = (stamp: string) => `${stamp.replace(' ', 'T').slice(0, 19)}Z`;

/** Answers an OAI-PMH request with its XML: the answer, or the error condition it meets. */
export async function answerOai(args: Record<string, string[]>, ctx: OaiContext): Promise<string> {
  const root = (await xmlDocument()).ele(OAI, 'OAI-PMH', {
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
  });
  root.ele('responseDate').txt(`${ctx.now.toISOString().slice(0, 19)}Z`);
  const request = root.ele('request');
  const base = `${ctx.origin}/oai`;
  let parsed: OaiRequest;
  try {
    parsed = parseOaiRequest(args);
  } catch (error) {
    // After badVerb and badArgument, the request element holds the base URL alone (§3.2).
    if (!(error instanceof OaiError)) throw error;
    request.txt(base);
    root.ele('error', { code: error.code }).txt(error.message);
    return root.end({ prettyPrint: true });
  }
  for (const [name, [value]] of Object.entries(args)) if (value !== undefined) request.att(name, value);
  request.txt(base);
  try {
    await answer(parsed, root, ctx);
  } catch (error) {
    if (!(error instanceof OaiError)) throw error;
    root.ele('error', { code: error.code }).txt(error.message);
  }
  return root.end({ prettyPrint: true });
}

async function answer(req: OaiRequest, root: XMLBuilder, ctx: OaiContext): Promise<void> {
  const host = new URL(ctx.origin).hostname;
  switch (req.verb) {
    case 'Identify':
      return identify(root.ele('Identify'), ctx, host);
    case 'ListMetadataFormats': {
      if (req.identifier !== null) await findRecord(ctx, host, req.identifier);
      const format = root.ele('ListMetadataFormats').ele('metadataFormat');
      format.ele('metadataPrefix').txt(METADATA_PREFIX);
      format.ele('schema').txt('http://www.openarchives.org/OAI/2.0/oai_dc.xsd');
      format.ele('metadataNamespace').txt(OAI_DC);
      return;
    }
    case 'ListSets': {
      const list = root.ele('ListSets');
      for (const set of SETS) list.ele('set').ele('setSpec').txt(set).up().ele('setName').txt(SET_NAMES[set]);
      return;
    }
    case 'GetRecord': {
      const { set, stamp } = await findRecord(ctx, host, req.identifier);
      const [record] = await loadDcRecords(ctx.db, set, [stamp], ctx.origin);
      if (!record) throw new OaiError('idDoesNotExist', 'No such record.');
      writeRecord(root.ele('GetRecord'), record, host);
      return;
    }
    default:
      return list(req, root, ctx, host);
  }
}

async function identify(el: XMLBuilder, ctx: OaiContext, host: string) {
  const earliest = await aggregate(ctx.db, 'oai-earliest', async () => {
    const stamps = [await earliestPersonChange(ctx.db), await earliestSourceChange(ctx.db)].filter(
      (s): s is string => s !== null,
    );
    return stamps.sort()[0] ?? null;
  });
  el.ele('repositoryName').txt(ctx.repositoryName);
  el.ele('baseURL').txt(`${ctx.origin}/oai`);
  el.ele('protocolVersion').txt('2.0');
  el.ele('adminEmail').txt(ctx.adminEmail);
  el.ele('earliestDatestamp').txt(utc(earliest ?? ctx.now.toISOString().slice(0, 19)));
  // Merged and withdrawn records are not kept as deletions.
  el.ele('deletedRecord').txt('no');
  el.ele('granularity').txt('YYYY-MM-DDThh:mm:ssZ');
  const id = el.ele('description').ele('http://www.openarchives.org/OAI/2.0/oai-identifier', 'oai-identifier', {
    'xmlns:xsi': XSI,
    'xsi:schemaLocation':
      'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd',
  });
  id.ele('scheme').txt('oai');
  id.ele('repositoryIdentifier').txt(host);
  id.ele('delimiter').txt(':');
  id.ele('sampleIdentifier').txt(oaiIdentifier(host, 'persons', 1));
  const rights = el.ele('description').ele('http://www.openarchives.org/OAI/2.0/rights/', 'rights', {
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/rights/ http://www.openarchives.org/OAI/2.0/rights.xsd',
  });
  const licence = dataLicence();
  if (licence.url) rights.ele('rightsReference', { ref: licence.url });
  else rights.ele('rightsDefinition').txt(licence.name);
}

async function findRecord(ctx: OaiContext, host: string, identifier: string) {
  const named = parseOaiIdentifier(host, identifier);
  const stamp = named ? await recordStamp(ctx.db, named.set, named.id) : undefined;
  if (!named || !stamp) throw new OaiError('idDoesNotExist', `No record ${identifier} in this repository.`);
  return { set: named.set, stamp };
}

/**
 * One response of a list: the records after the token's position, in id order, persons first and
 * then sources when no set is asked for; a token for the rest while anything is left.
 */
async function list(
  req: Extract<OaiRequest, { verb: 'ListIdentifiers' | 'ListRecords' }>,
  root: XMLBuilder,
  ctx: OaiContext,
  host: string,
) {
  const state = req.state;
  const limit = req.verb === 'ListRecords' ? RECORDS_PER_PAGE : IDENTIFIERS_PER_PAGE;
  const phases = state.set ? [state.set] : [...SETS];
  const period = { from: state.from ?? undefined, until: state.until ?? undefined };
  let phase = phases.indexOf(state.phase);
  let after = state.after;
  let found: { id: number; updated_at: string }[] = [];
  let next: ListState | null = null;
  for (; phase >= 0 && phase < phases.length; phase++, after = 0) {
    const set = phases[phase] as OaiSet;
    const rows = await listStamps(ctx.db, set, { afterId: after, limit: limit + 1, ...period });
    if (rows.length === 0) continue;
    found = rows.slice(0, limit);
    const cursor = state.cursor + found.length;
    if (rows.length > limit) next = { ...state, phase: set, after: found.at(-1)?.id ?? 0, cursor };
    else {
      // The next set's first record, so that no token leads to an empty response.
      for (const later of phases.slice(phase + 1)) {
        if ((await listStamps(ctx.db, later, { afterId: 0, limit: 1, ...period })).length) {
          next = { ...state, phase: later, after: 0, cursor };
          break;
        }
      }
    }
    break;
  }
  const set = phases[phase] as OaiSet | undefined;
  if (found.length === 0 || !set) {
    if (req.resumed)
      throw new OaiError('badResumptionToken', 'The list this token continued has changed; start again.');
    throw new OaiError('noRecordsMatch', 'No records match the request.');
  }
  const el = root.ele(req.verb);
  if (req.verb === 'ListRecords') {
    for (const record of await loadDcRecords(ctx.db, set, found, ctx.origin)) writeRecord(el, record, host);
  } else {
    for (const row of found) writeHeader(el, { set, id: row.id, changed: row.updated_at }, host);
  }
  if (next) el.ele('resumptionToken', { cursor: String(state.cursor) }).txt(encodeToken(req.verb, next));
  else if (req.resumed) el.ele('resumptionToken', { cursor: String(state.cursor) });
}

function writeHeader(el: XMLBuilder, r: Pick<DcRecord, 'set' | 'id' | 'changed'>, host: string) {
  const header = el.ele('header');
  header.ele('identifier').txt(oaiIdentifier(host, r.set, r.id));
  header.ele('datestamp').txt(utc(r.changed));
  header.ele('setSpec').txt(r.set);
}

function writeRecord(el: XMLBuilder, r: DcRecord, host: string) {
  const record = el.ele('record');
  writeHeader(record, r, host);
  const dc = record.ele('metadata').ele(OAI_DC, 'oai_dc:dc', {
    'xmlns:dc': DC,
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': `${OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
  });
  for (const [element, value] of r.dc) dc.ele(DC, `dc:${element}`).txt(value);
}
