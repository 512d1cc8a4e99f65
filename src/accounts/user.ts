import { InputError } from '../errors.ts';
import { isRole, type Role } from './role.ts';

/** A user as the rest of the application sees one: never with the password hash. */
export interface User {
  id: number;
  name: string;
  displayName: string | null;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

/** The signed-in user a request acts as (`c.var.user`): who, and with what role. */
export type CurrentUser = Pick<User, 'id' | 'name' | 'displayName' | 'role' | 'mustChangePassword'>;

/** The CurrentUser of a row holding CURRENT_USER_COLUMNS (user.repository.ts), or null for an unknown role. */
export function currentUser(row: {
  id: number;
  name: string;
  display_name: string | null;
  role: string;
  must_change_password: number;
}): CurrentUser | null {
  if (!isRole(row.role)) return null;
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: Boolean(row.must_change_password),
  };
}

/** What the header and the history show for a user. */
export function shownName(user: Pick<User, 'name' | 'displayName'>): string {
  return user.displayName ?? user.name;
}

/** Limits of what users type; forms, the command line and the services hold to the same ones. */
export const LIMITS = {
  name: { min: 2, max: 64 },
  displayName: { max: 100 },
  password: { min: 10, max: 256 },
  tokenLabel: { max: 100 },
} as const;

/** What is wrong with one field, as a code each interface words in its own language. */
export type InputProblem = 'required' | 'too-short' | 'too-long' | 'characters' | 'role' | 'taken' | 'wrong';

/** A field of an account form that cannot be saved as given; nothing was written. */
export class AccountInputError extends InputError {
  override name = 'AccountInputError';
  constructor(
    readonly field: string,
    readonly problem: InputProblem,
  ) {
    super(englishProblem(field, problem));
  }
}

function englishProblem(field: string, problem: InputProblem): string {
  const what = field === 'displayName' ? 'display name' : field;
  const limits = (LIMITS as Record<string, { min?: number; max?: number }>)[field];
  switch (problem) {
    case 'required':
      return `The ${what} is required.`;
    case 'too-short':
      return `The ${what} must have at least ${limits?.min} characters.`;
    case 'too-long':
      return `The ${what} may have at most ${limits?.max} characters.`;
    case 'characters':
      return `The ${what} may contain only letters, digits, dots, hyphens and underscores, and must begin with a letter or digit.`;
    case 'role':
      return 'The role must be admin, editor or reviewer.';
    case 'taken':
      return `The ${what} is already taken.`;
    case 'wrong':
      return 'The current password is not right.';
  }
}

/** Sign-in names are matched whatever their case or Unicode form. */
export function normalizeUserName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

const NAME_CHARS = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
// Control characters and the separators that make a name look like another.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Counts characters as a reader does, not UTF-16 units. */
const length = (s: string) => [...s].length;

export function userNameProblem(raw: string): InputProblem | null {
  const name = normalizeUserName(raw);
  if (name === '') return 'required';
  if (length(name) > LIMITS.name.max) return 'too-long';
  if (length(name) < LIMITS.name.min) return 'too-short';
  return NAME_CHARS.test(name) ? null : 'characters';
}

export function displayNameProblem(raw: string): InputProblem | null {
  if (length(raw.trim()) > LIMITS.displayName.max) return 'too-long';
  return INVISIBLE.test(raw) ? 'characters' : null;
}

export function passwordProblem(password: string): InputProblem | null {
  if (password === '') return 'required';
  if (length(password) > LIMITS.password.max) return 'too-long';
  return length(password) < LIMITS.password.min ? 'too-short' : null;
}

export function tokenLabelProblem(raw: string): InputProblem | null {
  if (raw.trim() === '') return 'required';
  if (length(raw.trim()) > LIMITS.tokenLabel.max) return 'too-long';
  return INVISIBLE.test(raw) ? 'characters' : null;
}

/** Throws the first problem of `checks` (field, problem or null) as an AccountInputError. */
export function assertValid(checks: [string, InputProblem | null][]): void {
  for (const [field, problem] of checks) if (problem) throw new AccountInputError(field, problem);
}
