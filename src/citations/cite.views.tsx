import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { CITATION_FORMATS } from './citation-formats.ts';
import { CITE_STYLES, type CiteStyle } from './cite-styles.ts';

const FORMAT_NAMES: Record<keyof typeof CITATION_FORMATS, string> = {
  'csl-json': 'CSL-JSON',
  bibtex: 'BibTeX',
  ris: 'RIS',
};

/**
 * "Cite this": the record in one citation style at a time (links choose another, so the page
 * needs no script), its permanent address, and the citation as a file for reference managers.
 */
export function CiteThis(props: {
  heading: string;
  /** The page's own address without a query, for the style links. */
  pagePath: string;
  url: string;
  style: CiteStyle;
  html: string;
  /** API address of the citation files, without `?format=`. */
  files: string;
  lang: Lang;
  t: Messages;
  children?: unknown;
}) {
  const { t } = props;
  return (
    <section aria-labelledby="cite-heading" class="cite-this" id="cite">
      <h2 id="cite-heading">{props.heading}</h2>
      <ul class="cite-styles">
        {CITE_STYLES.map((s) => (
          <li>
            {s === props.style ? (
              <span aria-current="true">{t.openData.styles[s]}</span>
            ) : (
              <a href={`${props.pagePath}?cite=${s}#cite`}>{t.openData.styles[s]}</a>
            )}
          </li>
        ))}
      </ul>
      <p class="citation-text" dangerouslySetInnerHTML={{ __html: props.html }} />
      <p>
        {t.openData.permanent}: <a href={props.url}>{props.url}</a>
      </p>
      <p class="data-links">
        {t.openData.citeAs}:{' '}
        {Object.entries(FORMAT_NAMES).map(([format, name], i) => (
          <>
            {i > 0 && ' · '}
            <a href={`${props.files}?format=${format}`} download>
              {name}
            </a>
          </>
        ))}
      </p>
      {props.children}
      <p class="hint">
        <a href="https://citationstyles.org/" rel="noopener" class="external">
          Citation Style Language
        </a>
      </p>
    </section>
  );
}
