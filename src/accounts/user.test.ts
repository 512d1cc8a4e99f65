import { describe, expect, it } from 'vitest';
import { hasRole, ROLES } from './role.ts';
import { displayNameProblem, normalizeUserName, passwordProblem, userNameProblem } from './user.ts';

describe('roles', () => {
  it('are ordered so that each may do what the roles after it may', () => {
    expect(ROLES).toEqual(['admin', 'editor', 'reviewer']);
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'editor')).toBe(true);
    expect(hasRole('editor', 'admin')).toBe(false);
    expect(hasRole('reviewer', 'editor')).toBe(false);
    expect(hasRole('reviewer', 'reviewer')).toBe(true);
  });
});

describe('what users type', () => {
  it('matches sign-in names whatever their case or Unicode form', () => {
    expect(normalizeUserName('  Mensing ')).toBe('mensing');
    expect(normalizeUserName('Mu\u0308ller')).toBe(normalizeUserName('MÜLLER'));
  });

  it('says what is wrong with a name', () => {
    expect(userNameProblem('w.mensing')).toBeNull();
    expect(userNameProblem('Жуков')).toBeNull();
    expect(userNameProblem('')).toBe('required');
    expect(userNameProblem('a')).toBe('too-short');
    expect(userNameProblem('x'.repeat(65))).toBe('too-long');
    expect(userNameProblem('two words')).toBe('characters');
    expect(userNameProblem('.hidden')).toBe('characters');
    expect(userNameProblem('<script>')).toBe('characters');
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(passwordProblem('🔑'.repeat(10))).toBeNull();
    expect(passwordProblem('🔑'.repeat(9))).toBe('too-short');
    expect(passwordProblem('x'.repeat(257))).toBe('too-long');
    expect(displayNameProblem('W'.repeat(100))).toBeNull();
    expect(displayNameProblem('W'.repeat(101))).toBe('too-long');
    expect(displayNameProblem('Wilhelm\u202eMensing')).toBe('characters');
  });
});
