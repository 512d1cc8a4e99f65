import { z } from 'zod';

/*
 * The arguments of an OAI-PMH 2.0 request (https://www.openarchives.org/OAI/openarchivesprotocol.html),
 * checked as §3.1 and §4 require: each verb's required, optional and exclusive arguments, no
 * repeated or unknown ones, datestamps of one granularity, and resumption tokens this repository
 * issued.
 */

export const VERBS = [
  'Identify',
  'ListMetadataFormats',
  'ListSets',
  'ListIdentifiers',
  'ListRecords',
  'GetRecord',
] as const;
export type Verb = (typeof VERBS)[number];

export const SETS = ['persons', 'sources'] as const;
export type OaiSet = (typeof SETS)[number];

export const METADATA_PREFIX = 'oai_dc';

export type OaiErrorCode =
  | 'badVerb'
  | 'badArgument'
  | 'badResumptionToken'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** An error condition of §3.6, reported inside a normal OAI-PMH response. */
export class OaiError extends Error {
  override name = 'OaiError';
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where a list stands between two requests: what is harvested, and the last id sent. */
export interface ListState {
  set: OaiSet | null;
  /** `YYYY-MM-DD HH:MM:SS`, inclusive, as the database stores change times. */
  from: string | null;
  until: string | null;
  phase: OaiSet;
  after: number;
  /** How many records earlier responses of the list held. */
  cursor: number;
}

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier: string | null }
  | { verb: 'ListSets'; resumed: boolean }
  | { verb: 'ListIdentifiers' | 'ListRecords'; state: ListState; resumed: boolean }
  | { verb: 'GetRecord'; identifier: string };

const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SECOND = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)Z$/;

/** A UTCdatetime argument as the stored form, at the start (`from`) or end (`until`) of a day. */
function datestamp(value: string, name: 'from' | 'until'): string {
  if (DAY.test(value)) return `${value} ${name === 'from' ? '00:00:00' : '23:59:59'}`;
  const m = SECOND.exec(value);
  if (m) return `${m[1]} ${m[2]}:${m[3]}:${m[4]}`;
  throw new OaiError('badArgument', `${name} must be a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ).`);
}

const tokenState = z
  .object({
    verb: z.enum(['ListIdentifiers', 'ListRecords', 'ListSets']),
    set: z.enum(SETS).nullable(),
    from: z.string().nullable(),
    until: z.string().nullable(),
    phase: z.enum(SETS),
    after: z.number().int().min(0),
    cursor: z.number().int().min(0),
  })
  .strict();

/** A resumption token: the list's state, readable only by this repository as far as anyone cares. */
export function encodeToken(verb: Verb, state: ListState): string {
  return Buffer.from(JSON.stringify({ verb, ...state })).toString('base64url');
}

function decodeToken(token: string, verb: Verb): ListState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = tokenState.safeParse(parsed);
  if (!result.success || result.data.verb !== verb)
    throw new OaiError('badResumptionToken', 'The resumption token is not one this repository issued.');
  const { verb: _, ...state } = result.data;
  return state;
}

/** Reads and checks a request's arguments, each given once (GET query or POST form alike). */
export function parseOaiRequest(args: Record<string, string[]>): OaiRequest {
  const verbs = args.verb ?? [];
  const verb = verbs[0];
  if (verbs.length !== 1 || !(VERBS as readonly string[]).includes(verb ?? ''))
    throw new OaiError('badVerb', verbs.length > 1 ? 'The verb is given more than once.' : 'No such verb.');
  const v = verb as Verb;
  const rules = ARGUMENTS[v];
  const given = Object.keys(args).filter((k) => k !== 'verb');
  for (const name of given) {
    if (![...rules.required, ...rules.optional, rules.exclusive].includes(name))
      throw new OaiError('badArgument', `${v} takes no argument ${name}.`);
    if ((args[name]?.length ?? 0) > 1) throw new OaiError('badArgument', `${name} is given more than once.`);
  }
  const arg = (name: string) => args[name]?.[0] ?? null;
  const token = rules.exclusive ? arg(rules.exclusive) : null;
  if (token !== null) {
    if (given.length > 1) throw new OaiError('badArgument', 'resumptionToken is an exclusive argument.');
    if (v === 'ListSets') throw new OaiError('badResumptionToken', 'ListSets answers in one response.');
    return { verb: v as 'ListIdentifiers' | 'ListRecords', state: decodeToken(token, v), resumed: true };
  }
  for (const name of rules.required) {
    if (!arg(name)) throw new OaiError('badArgument', `${v} needs the argument ${name}.`);
  }
  switch (v) {
    case 'Identify':
      return { verb: v };
    case 'ListMetadataFormats':
      return { verb: v, identifier: arg('identifier') };
    case 'ListSets':
      return { verb: v, resumed: false };
    case 'GetRecord':
      checkPrefix(arg('metadataPrefix'));
      return { verb: v, identifier: arg('identifier') ?? '' };
    default: {
      const fromArg = arg('from');
      const untilArg = arg('until');
      const from = fromArg === null ? null : datestamp(fromArg, 'from');
      const until = untilArg === null ? null : datestamp(untilArg, 'until');
      if (fromArg && untilArg && fromArg.length !== untilArg.length)
        throw new OaiError('badArgument', 'from and until must have the same granularity.');
      if (from && until && from > until) throw new OaiError('badArgument', 'from lies after until.');
      const set = arg('set');
      if (set !== null && !(SETS as readonly string[]).includes(set))
        throw new OaiError('badArgument', `No set ${set}; the sets are ${SETS.join(', ')}.`);
      checkPrefix(arg('metadataPrefix'));
      const phase = (set ?? SETS[0]) as OaiSet;
      return { verb: v, state: { set: set as OaiSet | null, from, until, phase, after: 0, cursor: 0 }, resumed: false };
    }
  }
}

function checkPrefix(prefix: string | null) {
  if (prefix !== METADATA_PREFIX)
    throw new OaiError('cannotDisseminateFormat', `This repository disseminates ${METADATA_PREFIX} only.`);
}

/** An OAI identifier: `oai:{host}:persons/12`. */
export function oaiIdentifier(host: string, set: OaiSet, id: number): string {
  return `oai:${host}:${set}/${id}`;
}

/** The record an OAI identifier names, or null when it names none of this repository's. */
export function parseOaiIdentifier(host: string, identifier: string): { set: OaiSet; id: number } | null {
  const m = /^oai:([^:]+):(persons|sources)\/([1-9]\d{0,15})$/.exec(identifier);
  if (!m || m[1] !== host) return null;
  const id = Number(m[3]);
  return Number.isSafeInteger(id) ? { set: m[2] as OaiSet, id } : null;
}
