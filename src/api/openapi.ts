import { z } from 'zod';
import type { Role } from '../accounts/role.ts';
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
  listResponse,
  listRowsQuery,
  listRowsResponse,
} from '../lists/list-api.schemas.ts';
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

/** One operation of the API, described by the schemas its route validates and answers with. */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As Hono writes it: `/persons/:id`. */
  path: string;
  summary: string;
  query?: z.ZodObject;
  /** The JSON body a POST takes. */
  body?: z.ZodType;
  /** A POST whose body is a file's bytes, as is: the media types it may be sent as. */
  file?: { types: string[]; description: string };
  response: z.ZodType;
  /** The success status, when not 200 (201 for what a POST creates). */
  status?: 200 | 201;
  /** What else the operation may answer, besides 200 and the errors every operation has. */
  errors?: Record<number, string>;
  /**
   * The least role the route's `requireRole` admits: the operation is then described as needing a
   * bearer token, with its 401 and 403 answers.
   */
  auth?: Role;
}

/** Every operation under /api/v1; a test checks that each route of the app is listed here. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/persons',
    summary: 'Search persons by name, with filters and facet counts',
    query: personsQuery,
    response: personsResponse,
    errors: { 400: 'An invalid parameter.' },
  },
  {
    method: 'get',
    path: '/texts',
    summary: 'Search the prose: biographies, event descriptions, document texts and list rows as written',
    query: textQuery,
    response: textsResponse,
    errors: { 400: 'An invalid parameter.' },
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
    method: 'get',
    path: '/lists/:id',
    summary: 'A list: its columns with their roles, archival reference, as-of date, how much of it is linked, its file',
    response: listResponse,
    errors: { 404: 'No such list, or not published.' },
  },
  {
    method: 'get',
    path: '/lists/:id/rows',
    summary: 'A page of a list’s rows, each with its cells as written and its links to persons',
    query: listRowsQuery,
    response: listRowsResponse,
    errors: { 400: 'An invalid parameter.', 404: 'No such list, or not published.' },
  },
  {
    method: 'post',
    path: '/lists',
    summary: 'Create a list with its columns (a revision)',
    body: createListBody,
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
    body: addRowsBody,
    response: addRowsResponse,
    status: 201,
    errors: { 400: 'An invalid body, or a cell of no column.', 404: 'No such list.' },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/lists/:id/rows/:position/links',
    summary: 'Decide a row’s link to a person: confirmed, rejected or unsure (a revision of the row)',
    body: decideBody,
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
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** A path's parameters (`:id`, `:position`): positive whole numbers, every one of them. */
function pathParameters(path: string) {
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: name === 'id' ? 'The record’s id.' : 'The row’s number in the list, from 1.',
    schema: { type: 'integer', minimum: 1 },
  }));
}

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
    const ok = { 'application/json': { schema: jsonSchema(op.response, 'output') } };
    const responses: Record<string, unknown> = {
      [op.status ?? 200]: { description: op.status === 201 ? 'Created' : 'OK', content: ok },
    };
    for (const [status, description] of Object.entries(op.errors ?? {})) {
      // A second success (a dry run's 200 beside an import's 201) answers with the same body.
      responses[status] = { description, content: Number(status) < 300 ? ok : error };
    }
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
        ...(op.query || op.path.includes(':')
          ? { parameters: [...pathParameters(op.path), ...(op.query ? parameters(op.query) : [])] }
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
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
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
      description: 'Read access to the Fates archive, and writes for editors.',
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
