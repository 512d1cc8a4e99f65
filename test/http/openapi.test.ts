import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS, openApiDocument } from '../../src/api/openapi.ts';
import { openTestArchive, type TestArchive } from '../support/app.ts';

describe('the OpenAPI document', () => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await openTestArchive('sqlite');
  });
  afterAll(async () => {
    await archive?.close();
  });

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does reject a broken document: a response without its description.
    const broken = structuredClone(openApiDocument());
    (broken.paths['/api/v1/persons']!.get as { responses: Record<string, object> }).responses[200] = {};
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes every route the app serves under /api/v1', () => {
    const doc = openApiDocument();
    const served = archive.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThanOrEqual(3);
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect([...new Set(served)].sort()).toEqual(described.sort());
  });

  it('lists each query parameter a route validates, with its type and description', () => {
    const persons = openApiDocument().paths['/api/v1/persons']?.get as {
      parameters: { name: string; description?: string; schema: { type?: string; enum?: string[] } }[];
    };
    const names = persons.parameters.map((p) => p.name);
    const validated = Object.keys(API_OPERATIONS.find((o) => o.path === '/persons')?.query?.shape ?? {});
    expect(names.sort()).toEqual(validated.sort());
    const fate = persons.parameters.find((p) => p.name === 'fate');
    expect(fate?.schema.enum).toContain('shot_in_ussr');
    expect(persons.parameters.find((p) => p.name === 'limit')?.schema.type).toBe('integer');
    expect(persons.parameters.every((p) => (p.description ?? '').length > 0)).toBe(true);
  });

  it('is what /api/v1/openapi.json serves', async () => {
    const res = await archive.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
