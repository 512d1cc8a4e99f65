// talisman ships no type definitions; these are the two modules the name search uses.
declare module 'talisman/phonetics/daitch-mokotoff.js' {
  /** All Daitch–Mokotoff codes of a Latin-script name (6 digits each; a name can have several). */
  export default function daitchMokotoff(name: string): string[];
}

declare module 'talisman/phonetics/german/cologne.js' {
  /** Cologne phonetics (Kölner Phonetik) code of a Latin-script name. */
  export default function cologne(name: string): string;
}
