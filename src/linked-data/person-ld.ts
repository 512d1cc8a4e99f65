import type { Graph, Person } from 'schema-dts';
import type { EventView } from '../events/event-view.ts';
import type { PersonPage } from '../persons/person-page.ts';
import { byRank } from '../statements/rank.ts';
import { compact, isoDate, type LdContext, recordGraph, recordUri } from './ld-values.ts';

/** The event of a type in which the person is the subject, as the best-ranked account gives it. */
function ownEvent(p: PersonPage, types: string[]): EventView | undefined {
  const own = new Set(p.subjectOf);
  return p.events
    .filter((e) => types.includes(e.type) && own.has(e.id) && e.rank !== 'deprecated')
    .sort(byRank)
    .at(0);
}

const GENDERS: Record<string, string> = { male: 'https://schema.org/Male', female: 'https://schema.org/Female' };

/** schema.org's name for a relation, seen from this person. */
const RELATIONS: Record<string, 'spouse' | 'parent' | 'children' | 'sibling' | 'knows' | 'colleague'> = {
  spouse: 'spouse',
  partner: 'knows',
  parent: 'parent',
  child: 'children',
  sibling: 'sibling',
  friend: 'knows',
  colleague: 'colleague',
};

export const personUri = (ctx: LdContext, id: number) => `${recordUri(ctx, 'persons', id)}#person`;

/** A person as schema.org describes people: names, life dates and places, family, memberships. */
export function personLd(p: PersonPage, ctx: LdContext): Graph {
  const birth = ownEvent(p, ['birth']);
  const death = ownEvent(p, ['death', 'execution']);
  const place = (e: EventView | undefined) =>
    e?.place
      ? { '@type': 'Place' as const, '@id': `${recordUri(ctx, 'places', e.place.id)}#place`, name: e.place.name }
      : e?.placeText
        ? { '@type': 'Place' as const, name: e.placeText }
        : undefined;
  const preferred = p.names.find((n) => n.rank !== 'deprecated' && (n.given || n.surname));
  const related: Record<string, Person[]> = {};
  for (const r of p.relationships) {
    const property = RELATIONS[r.type];
    if (!property || r.rank === 'deprecated' || !(r.person || r.name)) continue;
    const person: Person = r.person
      ? { '@type': 'Person', '@id': personUri(ctx, r.person.id), name: r.person.name }
      : { '@type': 'Person', name: r.name ?? '' };
    related[property] = [...(related[property] ?? []), person];
  }
  const memberOf = p.attributes
    .filter((a) => a.organization && a.rank !== 'deprecated')
    .map((a) => ({
      '@type': 'Organization' as const,
      '@id': `${recordUri(ctx, 'organizations', a.organization?.id ?? 0)}#organization`,
      name: a.organization?.name ?? a.value,
    }));
  const person: Person = compact({
    '@type': 'Person',
    '@id': personUri(ctx, p.id),
    url: recordUri(ctx, 'persons', p.id),
    name: p.displayName,
    givenName: preferred?.given ?? undefined,
    familyName: preferred?.surname ?? undefined,
    alternateName: [...new Set(p.names.map((n) => n.full))].filter((n) => n !== p.displayName),
    gender: GENDERS[p.sex],
    description: p.biography ?? undefined,
    birthDate: isoDate(birth?.edtf),
    birthPlace: place(birth),
    deathDate: isoDate(death?.edtf),
    deathPlace: place(death),
    memberOf,
    hasOccupation: p.attributes
      .filter((a) => a.type === 'occupation' && a.rank !== 'deprecated')
      .map((a) => ({ '@type': 'Occupation' as const, name: a.value })),
    ...related,
  } satisfies Person);
  return recordGraph(ctx, recordUri(ctx, 'persons', p.id), person, p.updatedAt);
}
