import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { SourceView } from './source-view.ts';

/** The numbered source list at the foot of a record page. */
export function SourceList({ sources, lang, t }: { sources: SourceView[]; lang: Lang; t: Messages }) {
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="sources-heading" class="sources">
      <h2 id="sources-heading">{t.person.sources}</h2>
      <ol>
        {sources.map((s) => (
          <li id={`source-${s.id}`}>
            <a href={`/${lang}/sources/${s.id}`}>{s.reference}</a>
            {s.url && (
              <>
                {' '}
                <a href={s.url} class="external" rel="noopener">
                  {s.url}
                </a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
