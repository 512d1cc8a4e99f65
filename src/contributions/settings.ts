import { SettingsError } from '../accounts/settings.ts';

/** Limits and retention of contributions, and where their mail goes. */
export interface ContributionSettings {
  /** Withdrawn and declined contributions' personal data are erased this many days after (FATES_CONTRIBUTION_RETENTION_DAYS). */
  retentionDays: number;
  files: {
    /** Files per contribution or addition (FATES_CONTRIBUTION_MAX_FILES). */
    maxCount: number;
    /** Bytes per file (FATES_CONTRIBUTION_MAX_FILE_MIB). */
    maxBytes: number;
    /** Width × height of an image; larger ones are refused before decoding. */
    maxPixels: number;
  };
  rate: {
    windowMinutes: number;
    /** Contributions and additions sent from one address within the window (FATES_CONTRIBUTION_RATE). */
    perAddress: number;
    /** From all addresses together within the window, so that a flood from many addresses stops too. */
    total: number;
  };
  mail: {
    /** smtp:// or smtps:// URL of the server that sends mail (SMTP_URL); null: mail waits in the outbox. */
    smtpUrl: string | null;
    /** The From address (FATES_MAIL_FROM). */
    from: string;
  };
}

export const DEFAULT_CONTRIBUTION_SETTINGS: ContributionSettings = {
  retentionDays: 90,
  files: { maxCount: 5, maxBytes: 10 * 2 ** 20, maxPixels: 50_000_000 },
  rate: { windowMinutes: 60, perAddress: 10, total: 300 },
  mail: { smtpUrl: null, from: 'Fates archive <archive@localhost>' },
};

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SettingsError(`${name}="${raw}" is not usable: give a whole number from ${min} to ${max}.`);
  return value;
}

/** The settings from the environment; throws a SettingsError for a value that makes no sense. */
export function contributionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ContributionSettings {
  const d = DEFAULT_CONTRIBUTION_SETTINGS;
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl))
    throw new SettingsError('SMTP_URL is not usable: give smtp://user:password@host:587 or smtps://host:465.');
  return {
    retentionDays: whole(env, 'FATES_CONTRIBUTION_RETENTION_DAYS', d.retentionDays, 0, 3650),
    files: {
      ...d.files,
      maxCount: whole(env, 'FATES_CONTRIBUTION_MAX_FILES', d.files.maxCount, 0, 10),
      maxBytes: whole(env, 'FATES_CONTRIBUTION_MAX_FILE_MIB', d.files.maxBytes / 2 ** 20, 1, 12) * 2 ** 20,
    },
    rate: { ...d.rate, perAddress: whole(env, 'FATES_CONTRIBUTION_RATE', d.rate.perAddress, 1, 1000) },
    mail: { smtpUrl, from: env.FATES_MAIL_FROM?.trim() || d.mail.from },
  };
}
