import type { Json } from '../revisions/document-diff.ts';

/**
 * Applies a JSON merge patch (RFC 7386) to a document: an object merges key by key, `null` removes
 * a key, anything else (a list included) replaces the value. Keys that would reach an object's
 * prototype are ignored.
 */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: { [key: string]: Json } =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
