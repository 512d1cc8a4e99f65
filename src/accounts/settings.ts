/** How long sessions last, how sign-ins are throttled, and whether a proxy's headers are believed. */
export interface AccountSettings {
  /** A session unused this long ends (FATES_SESSION_IDLE_MINUTES). */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy (FATES_SESSION_MAX_HOURS). */
  maxHours: number;
  /**
   * Believe `X-Forwarded-For` and `X-Forwarded-Proto` (FATES_TRUST_PROXY=1): only behind a proxy
   * that sets them, or any client could claim another address and dodge the throttle.
   */
  trustProxy: boolean;
  throttle: {
    /** Failed sign-ins count for this long. */
    windowMinutes: number;
    /** Failures under one name (existing or not) within the window before it is refused. */
    perAccount: number;
    /** Failures from one address within the window before it is refused. */
    perAddress: number;
  };
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  idleMinutes: 120,
  maxHours: 12,
  trustProxy: false,
  throttle: { windowMinutes: 15, perAccount: 10, perAddress: 30 },
};

/** A configuration variable with a value Fates cannot use; the message names it and what it takes. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new SettingsError(`${name}="${raw}" is not usable: give a whole number from 1 to ${max}.`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(raw)) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  throw new SettingsError(`${name}="${env[name]}" is not usable: give 1 or 0.`);
}

/** The settings from the environment; throws a SettingsError for a value that makes no sense. */
export function accountSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AccountSettings {
  const d = DEFAULT_ACCOUNT_SETTINGS;
  return {
    idleMinutes: positive(env, 'FATES_SESSION_IDLE_MINUTES', d.idleMinutes, 60 * 24 * 30),
    maxHours: positive(env, 'FATES_SESSION_MAX_HOURS', d.maxHours, 24 * 90),
    trustProxy: flag(env, 'FATES_TRUST_PROXY'),
    throttle: d.throttle,
  };
}
