import { z } from 'zod';
import { EVENT_TYPES } from '../events/event.ts';
import { MEDIA_KINDS } from '../media/media.ts';
import { NAME_KINDS } from '../names/name.ts';
import { ATTRIBUTE_TYPES, RELATIONSHIP_TYPES, SEXES } from '../persons/person.ts';
import { edtfDate, line, requiredLine } from '../statements/document-fields.ts';

/** What a reviewer turns a part of a contribution into, one form per kind. */
export const proposalForm = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('person'), given: line, surname: line, sex: z.enum(SEXES).default('unknown') })
    .refine((p) => p.given || p.surname, { message: 'give a surname or a given name', path: ['surname'] }),
  z
    .object({
      kind: z.literal('name'),
      nameKind: z.enum(NAME_KINDS).default('birth'),
      given: line,
      surname: line,
      patronymic: line,
      full: line,
    })
    .refine((n) => n.given || n.surname || n.patronymic || n.full, {
      message: 'give at least a surname, a given name or the name as written',
      path: ['surname'],
    }),
  z.object({ kind: z.literal('event'), type: z.enum(EVENT_TYPES), date: edtfDate, placeText: line, note: line }),
  z.object({ kind: z.literal('attribute'), type: z.enum(ATTRIBUTE_TYPES), value: requiredLine, date: edtfDate }),
  z.object({
    kind: z.literal('relationship'),
    type: z.enum(RELATIONSHIP_TYPES),
    relatedName: requiredLine,
    date: edtfDate,
  }),
  z.object({
    kind: z.literal('media'),
    file: z.coerce.number().int().positive(),
    mediaKind: z.enum(MEDIA_KINDS).default('photo'),
    caption: line,
    date: edtfDate,
    credit: line,
  }),
]);
export type ProposalInput = z.output<typeof proposalForm>;

/** What a proposal says, kept as data so that each reader sees it in their language. */
export interface ProposalSummary {
  /** A vocabulary value: an event type, a fact type, a relation, a kind of name or medium. */
  type?: string;
  text?: string;
  date?: string;
}

export function readSummary(json: string): ProposalSummary {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as ProposalSummary) : {};
  } catch {
    return {};
  }
}

/** A proposed medium, kept with the proposal until accepted. */
export interface MediaPayload {
  file: number;
  kind: (typeof MEDIA_KINDS)[number];
  caption: string | null;
  date: string | null;
  credit: string | null;
}
