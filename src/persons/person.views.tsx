import type { Child } from 'hono/jsx';
import type { CiteMark } from '../citations/citation-index.ts';
import { CiteThis } from '../citations/cite.views.tsx';
import type { CiteStyle } from '../citations/cite-styles.ts';
import { Timeline } from '../events/event.views.tsx';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { SourceList } from '../sources/source.views.tsx';
import { Cites, DateText, Note, RankTag } from '../web/components.tsx';
import type { PersonPage } from './person-page.ts';

type Props = { lang: Lang; t: Messages };

function Names({ p, lang, t }: { p: PersonPage } & Props) {
  return (
    <section aria-labelledby="names-heading">
      <h2 id="names-heading">{t.person.names}</h2>
      <table class="names">
        <thead>
          <tr>
            <th scope="col">{t.person.name}</th>
            <th scope="col">{t.person.kind}</th>
            <th scope="col">{t.person.lang}</th>
          </tr>
        </thead>
        <tbody>
          {p.names.map((n) => (
            <tr class={`rank-${n.rank}-item`}>
              <td>
                <span lang={n.lang ?? undefined}>{n.full}</span> <RankTag rank={n.rank} t={t} />
                <Cites cites={n.cites} lang={lang} />
                <Note note={n.note} rank={n.rank} t={t} />
              </td>
              <td>
                {label(t.nameKinds, n.kind)}
                {n.valid && (
                  <>
                    {', '}
                    <DateText edtf={n.valid} lang={lang} />
                  </>
                )}
              </td>
              <td>{n.lang ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type StatementLike = { rank: string; note: string | null; cites: CiteMark[]; edtf: string | null };

/** A statement's value with its date, rank, sources and note, as on every part of the page. */
function Statement({ s, value, lang, t }: { s: StatementLike; value: Child } & Props) {
  return (
    <>
      {value}
      {s.edtf && (
        <>
          {', '}
          <DateText edtf={s.edtf} lang={lang} />
        </>
      )}{' '}
      <RankTag rank={s.rank} t={t} />
      <Cites cites={s.cites} lang={lang} />
      <Note note={s.note} rank={s.rank} t={t} />
    </>
  );
}

/** Other sources' versions of a statement, beside it. */
function Variants({ variants, lang, t }: { variants: (StatementLike & { value: string })[] } & Props) {
  if (variants.length === 0) return null;
  return (
    <div class="disagree">
      <p class="disagree-title">{t.person.disagree}</p>
      <ul>
        {variants.map((v) => (
          <li class={`variant rank-${v.rank}-item`}>
            <Statement s={v} value={<span>{v.value}</span>} lang={lang} t={t} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Attributes({ p, lang, t }: { p: PersonPage } & Props) {
  if (p.attributes.length === 0) return null;
  return (
    <section aria-labelledby="attributes-heading">
      <h2 id="attributes-heading">{t.person.attributes}</h2>
      <dl class="facts">
        {p.attributes.map((a) => (
          <>
            <dt>{label(t.attributeTypes, a.type)}</dt>
            <dd class={`rank-${a.rank}-item`}>
              <Statement
                s={a}
                value={a.organization ? <a href={`/${lang}/organizations/${a.organization.id}`}>{a.value}</a> : a.value}
                lang={lang}
                t={t}
              />
              <Variants variants={a.variants} lang={lang} t={t} />
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function Relationships({ p, lang, t }: { p: PersonPage } & Props) {
  if (p.relationships.length === 0) return null;
  return (
    <section aria-labelledby="relations-heading">
      <h2 id="relations-heading">{t.person.relationships}</h2>
      <ul class="relations">
        {p.relationships.map((r) => (
          <li class={`rank-${r.rank}-item`}>
            <Statement
              s={r}
              value={
                <>
                  {label(t.relationshipTypes, r.type)}:{' '}
                  {r.person ? <a href={`/${lang}/persons/${r.person.id}`}>{r.person.name}</a> : r.name}
                </>
              }
              lang={lang}
              t={t}
            />
            <Variants
              variants={r.variants.map((v) => ({ ...v, value: label(t.relationshipTypes, v.type) }))}
              lang={lang}
              t={t}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ListRows({ p, lang, t }: { p: PersonPage } & Props) {
  if (p.listRows.length === 0) return null;
  return (
    <section aria-labelledby="lists-heading">
      <h2 id="lists-heading">{t.person.lists}</h2>
      <ul class="list-rows">
        {p.listRows.map((r) => (
          <li>
            <a href={`/${lang}/sources/${r.sourceId}#row-${r.position}`}>{r.sourceTitle}</a>,{' '}
            {fill(t.person.listRow, { n: r.position })}
            {r.status && r.status !== 'confirmed' && (
              <span class="link-status"> ({t.person.linkStatus[r.status as 'suggested']})</span>
            )}
            <blockquote class="as-written-row">
              {r.cells.map(([k, v]) => (
                <span class="cell">
                  <span class="cell-label">{k}:</span> {v}{' '}
                </span>
              ))}
            </blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PersonPageView({
  p,
  lang,
  t,
  url,
  cite,
}: { p: PersonPage; url: string; cite: { style: CiteStyle; html: string } } & Props) {
  return (
    <article class="record person" lang={lang}>
      <header class="record-header">
        <h1>{p.displayName}</h1>
        <p class="summary">
          {p.roles.map((r) => label(t.roles, r)).join(', ')}
          {p.fate && (
            <>
              {' · '}
              <span class={`fate fate-${p.fate}`}>{label(t.fates, p.fate)}</span>
            </>
          )}
        </p>
      </header>
      {p.biography && (
        <section aria-labelledby="bio-heading" class="biography">
          <h2 id="bio-heading" class="visually-hidden">
            {t.person.biography}
          </h2>
          <p>
            {p.biography}
            <Cites cites={p.biographyCites} lang={lang} />
          </p>
        </section>
      )}
      <Names p={p} lang={lang} t={t} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.person.timeline}</h2>
        <Timeline events={p.events} selfId={p.id} lang={lang} t={t} />
      </section>
      <Attributes p={p} lang={lang} t={t} />
      <Relationships p={p} lang={lang} t={t} />
      <ListRows p={p} lang={lang} t={t} />
      <SourceList sources={p.sources} lang={lang} t={t} />
      <CiteThis
        heading={t.person.cite}
        pagePath={`/${lang}/persons/${p.id}`}
        url={url}
        style={cite.style}
        html={cite.html}
        files={`/api/v1/persons/${p.id}/citation`}
        lang={lang}
        t={t}
      >
        <p class="data-links">
          {t.openData.asData}: <a href={`/api/v1/persons/${p.id}?lang=${lang}`}>{t.openData.json}</a> ·{' '}
          <a href={`/api/v1/persons/${p.id}/gedcom`} download>
            {t.openData.gedcom}
          </a>
        </p>
        <p class="last-changed">
          {t.person.lastChanged}: <time datetime={p.updatedAt.slice(0, 10)}>{p.updatedAt.slice(0, 10)}</time>
        </p>
      </CiteThis>
    </article>
  );
}
