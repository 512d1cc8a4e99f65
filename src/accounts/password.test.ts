import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';

// A low cost keeps the unit tests quick; the format and checks are the same at any cost.
const CHEAP = { ln: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('are PHC strings naming scrypt and its cost, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery', CHEAP);
    const b = await hashPassword('correct horse battery', CHEAP);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('verify the password they were made from and nothing else', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treat Unicode compatibility forms as the same password', async () => {
    const hash = await hashPassword('Ａｄｍｉｎ-ﬁle-2026', CHEAP);
    expect(await verifyPassword('Admin-file-2026', hash)).toBe(true);
    // Composed and decomposed ü are one letter.
    const umlaut = await hashPassword('Mu\u0308ller-passwort', CHEAP);
    expect(await verifyPassword('M\u00fcller-passwort', umlaut)).toBe(true);
  });

  it('refuse a hash they cannot read rather than throw', async () => {
    for (const stored of ['', 'plain text', '$2b$10$abcdefghijklmnopqrstuv', '$scrypt$ln=10,r=8,p=1$c2FsdA$c2hvcnQ']) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
  });

  it('say when a hash was made with a lower cost than today’s, so a sign-in can renew it', async () => {
    const cheap = await hashPassword('correct horse battery', CHEAP);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(cheap, CHEAP)).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
  });
});
