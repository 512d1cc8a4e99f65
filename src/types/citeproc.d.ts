// The parts of citeproc-js (https://citeproc-js.readthedocs.io) Fates uses; the package ships no types.
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): object;
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    updateItems(ids: string[]): void;
    /** Entries as HTML, or false for a style without a bibliography. */
    makeBibliography(): [object, string[]] | false;
    makeCitationCluster(items: { id: string }[]): string;
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
