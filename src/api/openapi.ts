import { z } from 'zod';
import type { Role } from '../accounts/role.ts';
import { EDITING_OPERATIONS } from '../editing/editing.operations.ts';
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

/** One operation of the API, described by the schemas its route validates and answers with. */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As Hono writes it: `/persons/:id`. */
  path: string;
  summary: string;
  query?: z.ZodObject;
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
}

/** Every operation under /api/v1; a test checks that each route of the app is listed here. */
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
      description: 'The record’s id, as in its permanent address.',
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
    const success = op.status ?? 200;
    const responses: Record<string, unknown> = {
      [success]: {
        description: success === 201 ? 'Created' : 'OK',
        content: { 'application/json': { schema: jsonSchema(op.response, 'output') } },
        ...(op.etag
          ? { headers: { ETag: { description: 'The record’s revision, "r123".', schema: { type: 'string' } } } }
          : {}),
      },
    };
    if (op.ifMatch)
      responses[412] = { description: 'If-Match names another revision than the latest.', content: error };
    for (const [status, description] of Object.entries(op.errors ?? {})) {
      responses[status] = { description, content: error };
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
