import type { Messages } from '../i18n/en.ts';
import { type Lang, label } from '../i18n/i18n.ts';
import { DateText } from '../web/components.tsx';
import { readSummary } from './proposal.ts';

/** The vocabulary a proposal's type is a value of. */
function typeLabel(kind: string, type: string, t: Messages): string {
  if (kind === 'event') return label(t.eventTypes, type);
  if (kind === 'attribute') return label(t.attributeTypes, type);
  if (kind === 'relationship') return label(t.relationshipTypes, type);
  if (kind === 'name') return label(t.nameKinds, type);
  if (kind === 'media') return label(t.moderation.mediaKinds, type);
  return type;
}

/** What a proposal says, in the reader's language: "Event: arrest, Moscow, 20 November 1937". */
export function ProposalText({ kind, summary, lang, t }: { kind: string; summary: string; lang: Lang; t: Messages }) {
  const s = readSummary(summary);
  const parts = [s.type ? typeLabel(kind, s.type, t) : null, s.text || null].filter(Boolean).join(', ');
  return (
    <>
      <strong>{label(t.moderation.kinds, kind)}</strong>
      {parts && `: ${parts}`}
      {s.date && (
        <>
          {', '}
          <DateText edtf={s.date} lang={lang} />
        </>
      )}
    </>
  );
}
