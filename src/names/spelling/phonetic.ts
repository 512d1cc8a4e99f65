/**
 * Phonetic keys: Daitch–Mokotoff (built for Central and Eastern European, above all Jewish,
 * surnames; one name can have several codes) and Cologne phonetics (built for German names).
 *
 * Both algorithms read Latin letters only, so a Cyrillic token is transliterated first:
 * - Cologne gets the German (Duden) transliteration, because Cologne encodes German spelling
 *   (sch, tsch, z = ts, w) and most Latin names stored here are German: Ежов → Jeschow, coded
 *   like the German Jeschow a user types.
 * - Daitch–Mokotoff gets both the German and the English (BGN) transliterations: its rules know
 *   both conventions (sch/sh/zh, tsch/ch, kh), and English spellings are what users copy from
 *   the literature on Soviet officials (Yezhov, Vyshinsky).
 * Other non-Latin scripts are romanized with any-ascii.
 */
import anyAscii from 'any-ascii';
import daitchMokotoff from 'talisman/phonetics/daitch-mokotoff.js';
import cologne from 'talisman/phonetics/german/cologne.js';
import { foldName, hasCyrillic } from './normalize.ts';
import { type TransliterateOptions, transliterate } from './transliterate.ts';

export interface PhoneticCodes {
  /** Daitch–Mokotoff codes, e.g. ["459000", "445900"] for Zucker. */
  dm: string[];
  /** Cologne code, e.g. "847" for Zucker; null when the token has no codable letter. */
  cologne: string | null;
}

const LATIN = /^[a-z]+$/;

/** Phonetic codes of one name token, in any script; empty when the token has no letters. */
export function phoneticCodes(token: string, options: TransliterateOptions = {}): PhoneticCodes {
  let german: string;
  let english: string;
  if (hasCyrillic(token)) {
    german = foldName(transliterate(token, 'duden', options));
    english = foldName(transliterate(token, 'bgn', options));
  } else {
    german = foldName(token);
    if (!LATIN.test(german)) german = foldName(anyAscii(german));
    english = german;
  }
  german = german.replace(/[^a-z]/g, '');
  english = english.replace(/[^a-z]/g, '');
  const dm = new Set<string>();
  for (const spelling of new Set([german, english])) {
    if (spelling !== '') for (const code of daitchMokotoff(spelling)) dm.add(code);
  }
  const k = german === '' ? '' : cologne(german);
  return { dm: [...dm], cologne: k === '' ? null : k };
}

/** Phonetic keys of a token, prefixed so they cannot collide with other keys: dm:…, k:…. */
export function phoneticKeys(token: string, options: TransliterateOptions = {}): string[] {
  const { dm, cologne: k } = phoneticCodes(token, options);
  const keys = dm.map((code) => `dm:${code}`);
  if (k !== null) keys.push(`k:${k}`);
  return keys;
}
