import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang } from '../i18n/i18n.ts';
import { DateText } from '../web/components.tsx';
import type { MediaView } from './media.service.ts';
import { LICENCE_URLS, type Licence, licenceKey } from './media.ts';

function LicenceText({ licence, t }: { licence: string; t: Messages }) {
  const text = t.contribute.licenceShort[licenceKey(licence)];
  const url = LICENCE_URLS[licence as Licence];
  return url ? (
    <a href={url} rel="license">
      {text}
    </a>
  ) : (
    text
  );
}

/** A record's photos and scans, each with its caption, date, credit, licence and source. */
export function MediaGallery({ media, lang, t }: { media: MediaView[]; lang: Lang; t: Messages }) {
  if (media.length === 0) return null;
  const m = t.contribute.media;
  return (
    <section aria-labelledby="media-heading" class="media">
      <h2 id="media-heading">{m.heading}</h2>
      <ul class="media-list">
        {media.map((item) => (
          <li>
            <figure>
              {item.thumb ? (
                <a href={`/media/${item.id}/${item.hasWeb ? 'web' : 'original'}`}>
                  <img
                    src={`/media/${item.id}/thumb`}
                    width={item.thumb.width}
                    height={item.thumb.height}
                    alt={item.caption ?? m.photo}
                    loading="lazy"
                  />
                </a>
              ) : (
                <a href={`/media/${item.id}/original`} class="media-document">
                  {fill(m.document, { size: `${formatNumber(Math.ceil(item.bytes / 1024), lang)} KiB` })}
                </a>
              )}
              <figcaption>
                {item.caption && <span class="caption">{item.caption}</span>}
                {item.date && (
                  <>
                    {item.caption && ', '}
                    <DateText edtf={item.date} lang={lang} />
                  </>
                )}
                <span class="credit">
                  {m.credit}: {item.credit ?? t.contribute.anonymousCredit}
                  {item.sourceId && (
                    <>
                      {' '}
                      (<a href={`/${lang}/sources/${item.sourceId}`}>{m.source}</a>)
                    </>
                  )}
                  {' · '}
                  {m.licence}: <LicenceText licence={item.licence} t={t} />
                  {item.hasWeb && (
                    <>
                      {' · '}
                      <a href={`/media/${item.id}/original`}>{m.full}</a>
                    </>
                  )}
                </span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
