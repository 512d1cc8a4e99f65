import type { Event, Graph, Organization, Place } from 'schema-dts';
import type { EventView } from '../events/event-view.ts';
import type { OrganizationPage } from '../organizations/organization-page.ts';
import type { PlacePage } from '../places/place-page.ts';
import { compact, isoSpan, type LdContext, recordGraph, recordUri, sameAs } from './ld-values.ts';
import { personUri } from './person-ld.ts';

const placeUri = (ctx: LdContext, id: number) => `${recordUri(ctx, 'places', id)}#place`;
const organizationUri = (ctx: LdContext, id: number) => `${recordUri(ctx, 'organizations', id)}#organization`;

/** An event: when, where, by which body, and everyone who took part. */
export function eventLd(e: EventView, title: string, ctx: LdContext): Graph {
  const { start, end } = isoSpan(e.edtf);
  const event: Event = compact({
    '@type': 'Event',
    '@id': `${recordUri(ctx, 'events', e.id)}#event`,
    url: recordUri(ctx, 'events', e.id),
    name: title,
    description: e.description ?? undefined,
    startDate: start,
    endDate: end,
    location: e.place
      ? { '@type': 'Place' as const, '@id': placeUri(ctx, e.place.id), name: e.place.name }
      : e.placeText
        ? { '@type': 'Place' as const, name: e.placeText }
        : undefined,
    organizer: e.organization
      ? { '@type': 'Organization' as const, '@id': organizationUri(ctx, e.organization.id), name: e.organization.name }
      : undefined,
    attendee: e.participants.map((p) => ({
      '@type': 'Person' as const,
      '@id': personUri(ctx, p.personId),
      name: p.name,
    })),
  } satisfies Event);
  return recordGraph(ctx, recordUri(ctx, 'events', e.id), event, e.updatedAt);
}

/** A place: its names over time, coordinates, the place it lies in, its ids in GeoNames and Wikidata. */
export function placeLd(p: PlacePage, ctx: LdContext): Graph {
  const place: Place = compact({
    '@type': 'Place',
    '@id': placeUri(ctx, p.id),
    url: recordUri(ctx, 'places', p.id),
    name: p.name,
    alternateName: [...new Set(p.names.map((n) => n.name))].filter((n) => n !== p.name),
    description: p.note ?? undefined,
    geo:
      p.lat !== null && p.lon !== null
        ? { '@type': 'GeoCoordinates' as const, latitude: p.lat, longitude: p.lon }
        : undefined,
    containedInPlace: p.parent
      ? { '@type': 'Place' as const, '@id': placeUri(ctx, p.parent.id), name: p.parent.name }
      : undefined,
    containsPlace: p.children.map((c) => ({ '@type': 'Place' as const, '@id': placeUri(ctx, c.id), name: c.name })),
    sameAs: sameAs({ wikidata: p.wikidata, geonames: p.geonames }),
  } satisfies Place);
  return recordGraph(ctx, recordUri(ctx, 'places', p.id), place);
}

/** An organization: its names and abbreviations, the body above it, its ids in Wikidata and the GND. */
export function organizationLd(o: OrganizationPage, ctx: LdContext): Graph {
  const organization: Organization = compact({
    '@type': 'Organization',
    '@id': organizationUri(ctx, o.id),
    url: recordUri(ctx, 'organizations', o.id),
    name: o.name,
    alternateName: [...new Set(o.names.flatMap((n) => [n.name, n.abbreviation ?? '']))].filter(
      (n) => n && n !== o.name,
    ),
    description: o.note ?? undefined,
    parentOrganization: o.parent
      ? { '@type': 'Organization' as const, '@id': organizationUri(ctx, o.parent.id), name: o.parent.name }
      : undefined,
    sameAs: sameAs({ wikidata: o.wikidata, gnd: o.gnd }),
  } satisfies Organization);
  return recordGraph(ctx, recordUri(ctx, 'organizations', o.id), organization);
}
