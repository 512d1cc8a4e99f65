// The part of Citation.js (https://citation.js.org) Fates uses: CSL-JSON in, BibTeX or RIS out.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: object | object[]);
    format(format: 'bibtex' | 'ris' | 'data', options?: object): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
