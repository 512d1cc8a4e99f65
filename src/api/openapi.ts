import { z } from 'zod';
import type { Role } from '../accounts/role.ts';
import { CITATION_FORMATS } from '../citations/citation-formats.ts';
import { EDITING_OPERATIONS } from '../editing/editing.operations.ts';
import { GEDCOM_TYPE } from '../exports/gedcom-export.ts';
import {
  addRowsBody,
  addRowsResponse,
  createdResponse,
  createListBody,
  decideBody,
  decideResponse,
  importQuery,
  importResponse,
  linkQuery,
  linkResponse,
} from '../lists/list-api.schemas.ts';
import { MERGE_OPERATIONS } from '../merges/merge.operations.ts';
import { textQuery } from '../search/texts/text-search.schema.ts';
import { meResponse } from './account.schemas.ts';
import {
  datesQuery,
  datesResponse,
  errorResponse,
  personsQuery,
  personsResponse,
  textsResponse,
} from './api.schemas.ts';
import { citationQuery, cslItems, gedcomQuery } from './exports.schemas.ts';
import {
  eventRecord,
  langQuery,
  listRowsQuery,
  listRowsResponse,
  organizationRecord,
  organizationsResponse,
  pageQuery,
  personRecord,
  placeRecord,
  placesResponse,
  sourceRecord,
  sourcesQuery,
  sourcesResponse,
} from './records.schemas.ts';

/** One operation of the API, described by the schemas its route validates and answers with. */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As Hono writes it: `/persons/:id`. */
  path: string;
  summary: string;
  query?: z.ZodObject;
  /** A POST whose body is a file's bytes, as is: the media types it may be sent as. */
  file?: { types: string[]; description: string };
  response: z.ZodType;
  /** What else the operation may answer, besides 200 and the errors every operation has. */
  errors?: Record<number, string>;
  /**
   * The least role the route's `requireRole` admits: the operation is then described as needing a
   * bearer token, with its 401 and 403 answers.
   */
  auth?: Role;
  /** The request body an operation takes, with the media types it accepts. */
  body?: { schema: z.ZodType; types: readonly string[]; description: string };
  /** The status of success, when not 200 (201 for a record created). */
  status?: number;
  /** The answer carries the record's revision as an ETag ("r123"). */
  etag?: boolean;
  /** The operation honours If-Match, answering 412 when it names another revision. */
  ifMatch?: boolean;
  /** The media type of the 200 answer described by `response`, when not JSON. */
  type?: string;
  /** Other media types of the 200 answer (a CSV download, a GEDCOM file), with what chooses them. */
  media?: Record<string, string>;
}

const RECORD_ERRORS = { 400: 'An invalid parameter.', 404: 'No such record, or not a public one.' };
const PAGE_ERRORS = { 400: 'An invalid parameter.' };
const CSV = { 'text/csv': 'With format=csv: RFC 4180, a header line, streamed.' };
const CITATION_MEDIA = {
  [CITATION_FORMATS.bibtex.type]: 'With format=bibtex.',
  [CITATION_FORMATS.ris.type]: 'With format=ris.',
};

/** Every operation under /api/v1; a test checks that each route of the app is listed here. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/persons',
    summary: 'Search persons by name, with filters and facet counts',
    query: personsQuery,
    response: personsResponse,
    errors: PAGE_ERRORS,
    media: CSV,
  },
  {
    method: 'get',
    path: '/persons/:id',
    summary: 'A person: names, events, facts, relations, list rows, each with its rank and citations',
    query: langQuery,
    response: personRecord,
    errors: { ...RECORD_ERRORS, 301: 'The person was merged into another; Location names the survivor.' },
  },
  {
    method: 'get',
    path: '/persons/:id/citation',
    summary: 'How to cite a person’s page, as CSL-JSON, BibTeX or RIS',
    query: citationQuery,
    type: CITATION_FORMATS['csl-json'].type,
    response: cslItems,
    errors: RECORD_ERRORS,
    media: CITATION_MEDIA,
  },
  {
    method: 'get',
    path: '/persons/:id/gedcom',
    summary: 'A person with their recorded relatives as a GEDCOM 7 file, for family-tree programs',
    query: gedcomQuery,
    type: `${GEDCOM_TYPE}`,
    response: z.string().describe('GEDCOM 7: names, events, facts, families and the sources cited.'),
    errors: { ...RECORD_ERRORS, 301: 'The person was merged into another; Location names the survivor.' },
  },
  {
    method: 'get',
    path: '/events/:id',
    summary: 'An event with everyone who took part, and other sources’ accounts of it',
    query: langQuery,
    response: eventRecord,
    errors: { ...RECORD_ERRORS, 301: 'Another source’s account of an event: Location names the event.' },
  },
  {
    method: 'get',
    path: '/places',
    summary: 'Places, by name',
    query: pageQuery,
    response: placesResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/places/:id',
    summary: 'A place: names over time, coordinates, what happened there',
    query: langQuery,
    response: placeRecord,
    errors: RECORD_ERRORS,
  },
  {
    method: 'get',
    path: '/organizations',
    summary: 'Organizations, by name',
    query: pageQuery,
    response: organizationsResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/organizations/:id',
    summary: 'An organization: names, events, persons linked to it',
    query: langQuery,
    response: organizationRecord,
    errors: RECORD_ERRORS,
  },
  {
    method: 'get',
    path: '/sources',
    summary: 'Sources: books, articles, web pages, archival units, lists, documents',
    query: sourcesQuery,
    response: sourcesResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/sources/:id',
    summary: 'A source with its reference and the statements citing it',
    response: sourceRecord,
    errors: RECORD_ERRORS,
  },
  {
    method: 'get',
    path: '/sources/:id/citation',
    summary: 'How to cite a source, as CSL-JSON, BibTeX or RIS',
    query: citationQuery,
    type: CITATION_FORMATS['csl-json'].type,
    response: cslItems,
    errors: RECORD_ERRORS,
    media: CITATION_MEDIA,
  },
  {
    method: 'get',
    path: '/lists',
    summary: 'Lists: sources whose rows are transcribed as written',
    query: pageQuery,
    response: sourcesResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/lists/:id',
    summary: 'A list: its reference, columns and number of rows',
    response: sourceRecord,
    errors: RECORD_ERRORS,
  },
  {
    method: 'get',
    path: '/lists/:id/rows',
    summary: 'A list’s rows as written, each with the person it is linked to',
    query: listRowsQuery,
    response: listRowsResponse,
    errors: RECORD_ERRORS,
    media: CSV,
  },
  {
    method: 'get',
    path: '/documents',
    summary: 'Documents: sources with a transcription and translations',
    query: pageQuery,
    response: sourcesResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/documents/:id',
    summary: 'A document with its transcription and translations',
    response: sourceRecord,
    errors: RECORD_ERRORS,
  },
  {
    method: 'get',
    path: '/texts',
    summary: 'Search the prose: biographies, event descriptions, document texts and list rows as written',
    query: textQuery,
    response: textsResponse,
    errors: PAGE_ERRORS,
  },
  {
    method: 'get',
    path: '/dates',
    summary: 'How an EDTF date reads in English, German and Russian, and the days it can mean',
    query: datesQuery,
    response: datesResponse,
    errors: { 400: 'An invalid parameter.' },
  },
  {
    method: 'get',
    path: '/me',
    summary: 'The user the bearer token acts for, with their role',
    response: meResponse,
    auth: 'reviewer',
  },
  {
    method: 'post',
    path: '/lists',
    summary: 'Create a list with its columns (a revision)',
    body: {
      schema: createListBody,
      types: ['application/json'],
      description: 'A list: its title, source and columns.',
    },
    response: createdResponse,
    status: 201,
    errors: { 400: 'An invalid body.' },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/lists/import',
    summary:
      'Import a list from a CSV, TSV or XLSX file sent as the body: read and reported (a dry run), or imported in one transaction and one change set',
    query: importQuery,
    file: {
      types: ['text/csv', 'text/tab-separated-values', XLSX, 'application/octet-stream'],
      description: 'The file as it is, in any of the encodings the list may be in; at most 512 MiB.',
    },
    response: importResponse,
    status: 201,
    errors: {
      200: 'A dry run’s report; nothing was written.',
      400: 'An invalid parameter, or a file that cannot be imported (its first problems named by line and column).',
    },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/lists/:id/link',
    summary:
      'Propose links for rows that have none, by record linkage: the best candidate above the threshold as suggested, a band below to review',
    query: linkQuery,
    response: linkResponse,
    errors: { 400: 'An invalid parameter, or record linkage is not part of this build.', 404: 'No such list.' },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/lists/:id/rows',
    summary: 'Add rows as written at the end of a list (one change set)',
    body: {
      schema: addRowsBody,
      types: ['application/json'],
      description: 'Rows as written, one object of cells per row.',
    },
    response: addRowsResponse,
    status: 201,
    errors: { 400: 'An invalid body, or a cell of no column.', 404: 'No such list.' },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/lists/:id/rows/:position/links',
    summary: 'Decide a row’s link to a person: confirmed, rejected or unsure (a revision of the row)',
    body: { schema: decideBody, types: ['application/json'], description: 'The decision on a row’s link to a person.' },
    response: decideResponse,
    errors: { 400: 'An invalid body, or no such person.', 404: 'No such list or row.' },
    auth: 'editor',
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This description of the API',
    response: z.object({ openapi: z.literal('3.1.0') }).loose(),
  },
  ...EDITING_OPERATIONS,
  ...MERGE_OPERATIONS,
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** Query parameters from an object schema, each with the type, limits and description it validates by. */
function parameters(query: z.ZodObject) {
  const schema = jsonSchema(query, 'input') as { properties?: Record<string, { description?: string }> };
  return Object.entries(schema.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: 'query',
    required: false,
    ...(description ? { description } : {}),
    schema: property,
  }));
}

/** The OpenAPI 3.1 description of the API, generated from the schemas the routes use. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { 'application/json': { schema: jsonSchema(errorResponse, 'output') } };
  for (const op of API_OPERATIONS) {
    const path = `/api/v1${op.path.replace(/:(\w+)/g, '{$1}')}`;
    const ids = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      description:
        name === 'position' ? 'The row’s number in the list, from 1.' : 'The record’s id, as in its permanent address.',
      schema: { type: 'integer', minimum: 1 },
    }));
    const headers = op.ifMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: 'The ETag of the revision the change was made on ("r123"); another answers 412.',
            schema: { type: 'string' },
          },
        ]
      : [];
    const content: Record<string, unknown> = {
      [op.type ?? 'application/json']: { schema: jsonSchema(op.response, 'output') },
    };
    for (const [type, description] of Object.entries(op.media ?? {})) {
      content[type] = { schema: { type: 'string', description } };
    }
    const success = op.status ?? 200;
    const responses: Record<string, unknown> = {
      [success]: {
        description: success === 201 ? 'Created' : 'OK',
        content,
        ...(op.etag
          ? { headers: { ETag: { description: 'The record’s revision, "r123".', schema: { type: 'string' } } } }
          : {}),
      },
    };
    if (op.ifMatch)
      responses[412] = { description: 'If-Match names another revision than the latest.', content: error };
    for (const [status, description] of Object.entries(op.errors ?? {})) {
      // A second success (a dry run's 200 beside an import's 201) answers with the same body.
      responses[status] =
        status === '301' ? { description } : { description, content: Number(status) < 300 ? content : error };
    }
    responses[406] = {
      description: 'The Accept header names no media type this operation answers with.',
      content: error,
    };
    if (op.auth) {
      responses[401] = { description: 'No token was sent, or it is unknown, revoked or expired.', content: error };
      responses[403] = { description: `The token's user lacks the role ${op.auth} (or a higher one).`, content: error };
    }
    responses[503] = { description: 'The database is briefly unavailable; try again.', content: error };
    paths[path] = {
      ...paths[path],
      [op.method]: {
        summary: op.summary,
        ...(op.auth ? { security: [{ bearerToken: [] }] } : {}),
        ...(op.query || ids.length || headers.length
          ? { parameters: [...ids, ...headers, ...(op.query ? parameters(op.query) : [])] }
          : {}),
        ...(op.body
          ? {
              requestBody: {
                required: op.method !== 'delete',
                description: op.body.description,
                content: Object.fromEntries(
                  op.body.types.map((type) => [type, { schema: jsonSchema(op.body!.schema, 'input') }]),
                ),
              },
            }
          : {}),
        ...(op.file
          ? {
              requestBody: {
                required: true,
                description: op.file.description,
                content: Object.fromEntries(
                  op.file.types.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
                ),
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fates API',
      version: '1',
      description: 'Read access to the Fates archive, and writes for its editors.',
    },
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (`fates token create --user NAME`), acting with its user’s role.',
        },
      },
    },
  };
}
