import type { z } from 'zod';
import { eventDocument } from '../events/event.document.ts';
import { organizationDocument } from '../organizations/organization.document.ts';
import { personDocument } from '../persons/person.document.ts';
import { placeDocument } from '../places/place.document.ts';
import { FORM_TYPES, type FormType, RECORD_PATHS } from '../revisions/revision.ts';
import { sourceDocument } from '../sources/source.document.ts';
import {
  deleteBody,
  deleteQuery,
  documentResponse,
  historyQuery,
  historyResponse,
  lookupQuery,
  lookupResponse,
  removedResponse,
  savedResponse,
  writeQuery,
} from './editing.schemas.ts';

/*
 * The write API's operations, for the OpenAPI document (src/api/openapi.ts lists them with the
 * others). Shaped as src/api/openapi.ts's ApiOperation, which this file does not import so that
 * the API folder may depend on this one and not the other way round.
 */

const DOCUMENTS: Record<FormType, z.ZodType> = {
  person: personDocument,
  event: eventDocument,
  place: placeDocument,
  organization: organizationDocument,
  source: sourceDocument,
};

const INVALID = 'An invalid document: `error.problems` names each field (`names.0.surname`) with what is wrong.';
const WRITE_ERRORS = { 400: INVALID, 413: 'The body is larger than 4 MiB.' };

function operationsFor(type: FormType) {
  const path = `/${RECORD_PATHS[type]}`;
  const documentBody = {
    schema: DOCUMENTS[type],
    types: ['application/json'],
    description: `The ${type}’s whole document; fields left out take their defaults.`,
  };
  return [
    {
      method: 'post',
      path,
      summary: `Create a ${type} from its document`,
      query: writeQuery,
      body: documentBody,
      response: savedResponse,
      status: 201,
      etag: true,
      errors: WRITE_ERRORS,
      auth: 'editor',
    },
    {
      method: 'get',
      path: `${path}/:id/document`,
      summary: `The ${type}’s document as the write API takes it, drafts included, with its revision`,
      response: documentResponse,
      etag: true,
      errors: { 404: 'No such record.' },
      auth: 'reviewer',
    },
    {
      method: 'patch',
      path: `${path}/:id`,
      summary: `Change a ${type}: a JSON merge patch (RFC 7386) onto its document`,
      query: writeQuery,
      body: {
        schema: DOCUMENTS[type],
        types: ['application/merge-patch+json', 'application/json'],
        description:
          'The fields to change; null removes a field, and a list (names, citations …) is replaced whole: give the ids of the statements to keep.',
      },
      response: savedResponse,
      etag: true,
      ifMatch: true,
      errors: {
        ...WRITE_ERRORS,
        404: 'No such record.',
        409: 'The record changed while the patch was applied; send it again.',
        410: 'The record was removed.',
      },
      auth: 'editor',
    },
    {
      method: 'delete',
      path: `${path}/:id`,
      summary: `Remove a ${type} with a reason (its address then answers 410; editors can restore it)`,
      query: deleteQuery,
      body: {
        schema: deleteBody,
        types: ['application/json'],
        description: 'The reason, unless given as a parameter.',
      },
      response: removedResponse,
      etag: true,
      ifMatch: true,
      errors: { 400: 'No reason given.', 404: 'No such record.', 410: 'The record was removed already.' },
      auth: 'editor',
    },
    {
      method: 'get',
      path: `${path}/:id/history`,
      summary: `The ${type}’s revisions, newest first: who, when, why and what changed field by field`,
      query: historyQuery,
      response: historyResponse,
      etag: true,
      errors: { 400: 'An invalid parameter.', 404: 'No such record.' },
      auth: 'reviewer',
    },
  ] as const;
}

/** The write API's operations, in the shape of src/api/openapi.ts's ApiOperation. */
export const EDITING_OPERATIONS = [
  {
    method: 'get',
    path: '/lookup',
    summary: 'Records of a kind by name or number, drafts included, for the edit forms’ record fields',
    query: lookupQuery,
    response: lookupResponse,
    errors: { 400: 'An invalid parameter.' },
    auth: 'reviewer',
  },
  ...FORM_TYPES.flatMap(operationsFor),
] as const;
