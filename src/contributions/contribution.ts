import { z } from 'zod';
import { isValidEdtf } from '../dates/edtf.ts';
import { LICENCES } from '../media/media.ts';

/** How the sender stands to the person: what the public source of their communication says of them. */
export const RELATIONS = ['relative', 'historian', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Where a contribution is: `new` until a reviewer takes it up (`in_review`), `answered` once the
 * archive replied, `used` once an editor accepted something from it, `declined` with a reason,
 * `withdrawn` by its sender (whose data is then erased).
 */
export const STATES = ['new', 'in_review', 'answered', 'used', 'declined', 'withdrawn'] as const;
export type ContributionState = (typeof STATES)[number];

/** States in which the sender's data is kept only for the retention period. */
export const CLOSED_STATES: readonly ContributionState[] = ['declined', 'withdrawn'];

/** What a reviewer can make of a contribution: statements on a record, a new person, a medium. */
export const PROPOSAL_KINDS = ['person', 'name', 'event', 'attribute', 'relationship', 'media'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATES = ['proposed', 'accepted', 'declined'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** How many dated facts the form offers. */
export const DATE_ROWS = 3;

/** Longest values the form takes, in characters. */
export const MAX = { line: 200, message: 20_000, notes: 4_000, email: 254, reason: 2_000 } as const;

/**
 * Text as a person typed it, made safe to keep: no NUL or other control characters (PostgreSQL
 * refuses NUL in text, and none belongs in a letter), line ends as \n, composed Unicode, trimmed.
 * Markup is kept as typed and escaped wherever it is shown.
 */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .normalize('NFC')
      .trim()
  );
}

/** Error codes the form shows in the sender's language (i18n contribute.errors). */
export type FieldErrorCode = 'required' | 'tooLong' | 'email' | 'edtf' | 'licence' | 'nameForCredit' | 'choice';

const text = (max: number) => z.preprocess(cleanText, z.string().max(max, 'tooLong'));
const optional = (max: number) => text(max).transform((s) => s || null);
const required = (max: number) => text(max).pipe(z.string().min(1, 'required'));
const checkbox = z.preprocess((v) => v === 'on' || v === 'yes' || v === '1' || v === 'true', z.boolean());

const dateRow = z.object({
  edtf: optional(100).refine((v) => v === null || isValidEdtf(v), 'edtf'),
  what: optional(MAX.line),
});

/** The contribution form's fields (the files come apart), as sent by a browser. */
export const contributionForm = z
  .object({
    person: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.coerce.number().int().positive().nullable(),
    ),
    subject: optional(MAX.line),
    relation: z.enum(RELATIONS, 'choice'),
    relationDetail: optional(MAX.line),
    message: required(MAX.message),
    dates: z.array(dateRow).max(DATE_ROWS).default([]),
    places: optional(MAX.notes),
    names: optional(MAX.notes),
    name: optional(MAX.line),
    email: text(MAX.email).pipe(z.string().min(1, 'required').pipe(z.email('email'))),
    consentName: checkbox.default(false),
    consentContact: checkbox.default(false),
    consentPublish: checkbox.default(false),
    licence: z.preprocess((v) => (v === '' ? null : v), z.enum(LICENCES, 'licence').nullable().default(null)),
  })
  .superRefine((v, ctx) => {
    if (v.person === null && !v.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'required' });
    if (v.consentName && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'nameForCredit' });
    if (v.consentPublish && !v.licence) ctx.addIssue({ code: 'custom', path: ['licence'], message: 'licence' });
  });
export type ContributionInput = z.output<typeof contributionForm>;

/** What a sender adds later through their link. */
export const additionForm = z.object({ message: required(MAX.message) });

/** One problem per field, by the field's form name (`dates.0.edtf`), as an error code. */
export type FieldErrors = Record<string, FieldErrorCode>;

/** The form's fields checked: the input, or each problem by field. */
export function parseForm<T>(
  schema: z.ZodType<T>,
  fields: Record<string, unknown>,
): { ok: true; value: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    const known = ['required', 'tooLong', 'email', 'edtf', 'licence', 'nameForCredit', 'choice'];
    errors[path] ??= (known.includes(issue.message) ? issue.message : 'required') as FieldErrorCode;
  }
  return { ok: false, errors };
}
