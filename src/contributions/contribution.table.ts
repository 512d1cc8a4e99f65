import type { Generated } from 'kysely';

/*
 * What members of the public send, kept apart from the public record (private tables in
 * src/db/tables.ts): no public page, search index, API answer or export reads these tables.
 */

/** One contribution: what the sender knows, who they are, what they allow. */
export interface ContributionTable {
  id: Generated<number>;
  /** The person it is about; null for someone not (yet) in the archive. */
  person_id: number | null;
  /** For someone not in the archive: the name the sender gives. */
  subject_name: string | null;
  /** `relative`, `historian` or `other` (RELATIONS): the public source says only this. */
  relation: string;
  /** The sender's own words for it ("granddaughter"); private. */
  relation_detail: string | null;
  message: string | null;
  /** JSON list of `{ edtf, what }`. */
  dates: string | null;
  places: string | null;
  names: string | null;
  sender_name: string | null;
  sender_email: string | null;
  /** 0/1: the archive may name the sender as contributor. */
  consent_name: number;
  /** 0/1: the archive may contact the sender beyond this contribution. */
  consent_contact: number;
  /** 0/1: the attachments may be published, under `licence`. */
  consent_publish: number;
  licence: string | null;
  /** The sender's language, for the mail the archive sends them. */
  lang: string;
  /** STATES in contribution.ts. */
  status: string;
  decline_reason: string | null;
  /** SHA-256 of the sender's private link token; the token itself is only in their e-mail. */
  token_hash: string;
  /** The source record (kind `note`) the statements made from it cite; it holds no private data. */
  source_id: number | null;
  received_at: string;
  updated_at: string;
  /** When it was withdrawn or declined: the retention period counts from here. */
  closed_at: string | null;
  /** When the sender's data was erased; the row stays so the link can say so. */
  erased_at: string | null;
}

/** The conversation about a contribution: what the sender adds, what the archive replies. */
export interface ContributionMessageTable {
  id: Generated<number>;
  contribution_id: number;
  /** `sender` or `archive`. */
  author: string;
  /** The reviewer who wrote an archive reply. */
  user_id: number | null;
  body: string;
  created_at: string;
}

/** An attached file as received (images re-encoded without their metadata); private until a medium is made of it. */
export interface ContributionFileTable {
  id: Generated<number>;
  contribution_id: number;
  /** The file's name as sent, cleaned; shown to reviewers only. */
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  sha256: string;
  data: Buffer;
  /** A small preview for reviewers (images only). */
  thumb: Buffer | null;
  created_at: string;
}

/**
 * A statement a reviewer made from a contribution, written into the record as a draft that cites
 * the contribution's source: an editor accepts it (published) or declines it (removed). A proposed
 * medium is kept here alone (`payload`) until accepted, so that no unaccepted file reaches the
 * public media tables.
 */
export interface ContributionProposalTable {
  id: Generated<number>;
  contribution_id: number;
  /** PROPOSAL_KINDS: person, name, event, attribute, relationship, media. */
  kind: string;
  /** Where the draft is: `person` or `event`, and its id (for a medium: the person it goes on). */
  record_type: string;
  record_id: number;
  /** The draft statement within a person's document (a name, attribute or relationship); a medium's id once accepted. */
  statement_id: number | null;
  /** What it says, for the queue and the sender's page. */
  summary: string;
  /** JSON: a proposed medium's file, caption, date, credit and licence. */
  payload: string | null;
  /** `proposed`, `accepted` or `declined`. */
  status: Generated<string>;
  decline_reason: string | null;
  proposed_by: number | null;
  decided_by: number | null;
  created_at: string;
  decided_at: string | null;
}

/** Mail the archive sends: kept here until delivered, or for admins to read when no SMTP server is set. */
export interface MailOutboxTable {
  id: Generated<number>;
  contribution_id: number | null;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  /** Why delivery failed, when it did. */
  error: string | null;
}

/** One contribution sent, counted per address (as a digest) for the rate limit; pruned after its window. */
export interface ContributionAttemptTable {
  id: Generated<number>;
  at: string;
  address_key: string;
}
