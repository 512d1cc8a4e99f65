import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes as PHC strings, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no padding):
 * the algorithm and its cost travel with each hash, so raising the cost later only needs
 * `needsRehash` at the next sign-in. scrypt is in node:crypto and runs on libuv's thread pool, so
 * hashing does not stall the server's other requests.
 */
export interface ScryptCost {
  /** log2 of N, the CPU and memory cost. */
  ln: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB and a noticeable fraction of a second per guess. */
export const DEFAULT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.ln;
  return new Promise((resolve, reject) =>
    // Node refuses by default above 32 MiB; scrypt needs 128·N·r bytes and a little more.
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/** A new salted hash of `password` (compatibility forms of Unicode, NFKC, count as the same). */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  return {
    cost: { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) },
    salt: Buffer.from(m[4]!, 'base64'),
    key: Buffer.from(m[5]!, 'base64'),
  };
}

/** Whether `password` is the one `stored` was made from; false for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length !== KEY_BYTES) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with a lower cost than `cost` (or in a form this code no longer makes). */
export function needsRehash(stored: string, cost: ScryptCost = DEFAULT_COST): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.cost.ln < cost.ln || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification without a user, so that a sign-in under an unknown name
 * takes as long as one under a known name with a wrong password.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(b64(randomBytes(12)));
  await verifyPassword(password, await dummy);
  return false;
}
