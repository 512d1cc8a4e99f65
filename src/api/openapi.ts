import { EVENT_TYPES } from '../events/event.ts';
import { FATES, PERSON_ROLES, SEXES } from '../persons/person.ts';

const facet = {
  type: 'array',
  items: { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' } } },
};

/** The OpenAPI 3.1 description of the public API. */
export function openApiDocument() {
  const param = (name: string, description: string, schema: object) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema,
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Fates API', version: '1', description: 'Read access to the Fates archive.' },
    paths: {
      '/api/v1/persons': {
        get: {
          summary: 'Search persons by name, with filters and facet counts',
          parameters: [
            param('q', 'Name in any spelling or script; best match first.', { type: 'string', maxLength: 500 }),
            param('fate', 'Fate.', { enum: FATES }),
            param('role', 'Role.', { enum: PERSON_ROLES }),
            param('sex', 'Sex.', { enum: SEXES }),
            param('event', 'Event type the person took part in.', { enum: EVENT_TYPES }),
            param('from', 'With event: start of the period (YYYY or YYYY-MM).', { type: 'string' }),
            param('to', 'With event: end of the period (YYYY or YYYY-MM).', { type: 'string' }),
            param('place', 'Place id; places within it count.', { type: 'integer' }),
            param('organization', 'Organization id.', { type: 'integer' }),
            param('source', 'Source or list id.', { type: 'integer' }),
            param('sort', 'relevance (default with q) or name.', { enum: ['relevance', 'name'] }),
            param('limit', 'Page size, 1–100 (larger values are capped).', { type: 'integer', default: 20 }),
            param('offset', 'Results to skip, 0–10000.', { type: 'integer', default: 0 }),
          ],
          responses: {
            200: {
              description: 'A page of ranked results.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      total: {
                        type: 'integer',
                        description:
                          'Matches counted: spellings of the name up to 10,000, sound-alikes and near spellings as far as read.',
                      },
                      totalIsLowerBound: {
                        type: 'boolean',
                        description:
                          'True when there are more matches than counted: more than 10,000, or more sound-alikes than were read.',
                      },
                      results: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'integer' },
                            url: { type: 'string', format: 'uri' },
                            name: { type: 'string' },
                            sortName: { type: 'string' },
                            fate: { type: ['string', 'null'] },
                            matched: {
                              type: ['object', 'null'],
                              properties: { name: { type: 'string' }, how: { type: 'string' } },
                            },
                          },
                        },
                      },
                      facets: { type: 'object', properties: { fate: facet, role: facet, sex: facet, event: facet } },
                      facetBase: { type: 'integer', description: 'How many matches the facet counts cover.' },
                    },
                  },
                },
              },
            },
            400: { description: 'Invalid parameter: `{ "error": { "code", "message" } }`.' },
          },
        },
      },
    },
  };
}
