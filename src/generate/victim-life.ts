import type { Dated } from './dates.ts';
import { fit, LifeBuilder, type LifeEvent } from './life.ts';
import {
  AFTER_CAMP,
  BIRTH,
  D,
  DETAILS,
  FIRST_ARREST,
  LAST_ARREST,
  NOT_ARRESTED,
  OUTCOMES,
  POSITIONS,
  PRECISE,
  SPAN,
  sentenceDetails,
  TERROR_END,
  TERROR_START,
  VAGUE,
  YEAR,
} from './life-details.ts';
import type { Rng } from './prng.ts';
import type { Origin } from './tables.ts';

/** The lives of victims: emigration, work, arrest, and how the NKVD's hold on them ended. */
export class VictimLives extends LifeBuilder {
  /** The life of one victim of `origin`. */
  victim(rng: Rng, origin: Origin): LifeEvent[] {
    const out: LifeEvent[] = [];
    const born = D(1880 + Math.round(((rng.next() + rng.next()) / 2) * 40), 1, 1) + rng.int(YEAR);
    const birthPlace = this.place(rng, `born-${origin}`);
    out.push(this.event(rng, 'birth', born, BIRTH, birthPlace, null));
    // Born inside the Soviet borders (Russians, Ukrainians, Jews of Berdychiv or Minsk): no emigration.
    const soviet = origin === 'ru' || origin === 'uk' || (birthPlace !== null && this.has('ussr', birthPlace));
    const adult = born + 17 * YEAR;

    if (rng.chance(0.35)) {
      const day = Math.min(Math.max(adult + rng.int(6 * YEAR), D(1918, 11, 1)), D(1934, 12, 31));
      const party = this.organization(rng, `member-${origin}`);
      out.push(this.event(rng, 'membership', day, SPAN, null, party));
    }

    let here = soviet && birthPlace && this.has('soviet', birthPlace) ? birthPlace : null;
    let cursor = Math.max(adult, D(1925, 1, 1));
    if (!soviet && rng.chance(0.7)) {
      const emigrated = Math.max(cursor, D(1925, 1, 1) + rng.int(12 * YEAR));
      const from = rng.chance(0.7) ? birthPlace : this.place(rng, 'exit-de');
      out.push(this.event(rng, 'emigration', emigrated, VAGUE, from, null));
      cursor = emigrated;
      if (rng.chance(0.85)) {
        cursor = emigrated + 3 + rng.int(45);
        here = this.place(rng, 'soviet');
        out.push(this.event(rng, 'arrival', cursor, VAGUE, here, null));
      }
    } else if (!soviet) {
      cursor = Math.max(cursor, D(1925, 1, 1) + rng.int(10 * YEAR));
    }
    here ??= this.place(rng, origin === 'uk' ? 'soviet-uk' : 'soviet');

    if (rng.chance(0.55)) {
      const day = Math.min(cursor + 30 + rng.int(900), D(1937, 6, 30));
      // Often at an enterprise, which takes the person to its town; else somewhere in town.
      const organization = rng.chance(0.6)
        ? this.organization(rng, rng.chance(0.7) ? 'work-soviet' : 'work-emigre')
        : null;
      if (organization) here = this.ctx.organizationPlaces.get(organization) ?? here;
      out.push(this.event(rng, 'work', Math.max(day, cursor), VAGUE, here, organization, rng.pick(POSITIONS)));
    }

    let arrest = rng.chance(0.7)
      ? TERROR_START + rng.int(TERROR_END - TERROR_START)
      : FIRST_ARREST + rng.int(LAST_ARREST - FIRST_ARREST);
    if (arrest < cursor + 30) arrest = cursor + 30 + rng.int(400);
    if (arrest > LAST_ARREST || !rng.chance(0.9)) {
      this.notArrested(rng, out, Math.max(cursor, D(1933, 1, 1)), here);
      return fit(rng, out, here);
    }

    const city = here && this.ctx.nkvdIn.has(here) ? here : (this.place(rng, 'arrest') ?? here);
    const nkvd = (city && this.ctx.nkvdIn.get(city)) ?? 'nkvd';
    const arrestEvent = this.event(rng, 'arrest', arrest, PRECISE, city, nkvd);
    arrestEvent.perpetrator = rng.chance(0.1);
    out.push(arrestEvent);
    let interrogated = arrest;
    if (rng.chance(0.55)) {
      const prison = city ? this.ctx.prisonsIn.get(city) : undefined;
      interrogated = arrest + 1 + rng.int(60);
      const interrogation = this.event(
        rng,
        'interrogation',
        interrogated,
        PRECISE,
        prison?.length ? rng.pick(prison) : city,
        nkvd,
      );
      interrogation.perpetrator = rng.chance(0.65);
      interrogation.witness = rng.chance(0.05);
      out.push(interrogation);
    }

    let outcome = OUTCOMES.draw(rng);
    const handoverGroup = outcome === 'handover' ? this.group(rng, arrest + 90) : null;
    if (outcome === 'handover' && handoverGroup === null) outcome = 'expelled';
    const groupDay = handoverGroup === null ? 0 : (this.ctx.groups[handoverGroup]?.day ?? 0);

    const sentenceChance = { shot: 0.95, camp: 0.9, handover: 0.7, expelled: 0.6, released: 0.1, unknown: 0.6 }[
      outcome
    ];
    let sentenced = arrest;
    if (rng.chance(sentenceChance)) {
      const latest = outcome === 'handover' ? groupDay - 5 : arrest + 240;
      const earliest = interrogated + 1;
      sentenced = Math.max(earliest, Math.min(arrest + 20 + rng.int(220), latest));
      const [organization, details] =
        outcome === 'shot'
          ? [
              rng.chance(0.6) && city
                ? (this.ctx.troikaIn.get(city) ?? 'nkvd-prosecutor-commission')
                : rng.pick(['nkvd-prosecutor-commission', 'military-collegium']),
              sentenceDetails(rng, DETAILS.death),
            ]
          : outcome === 'handover' || outcome === 'expelled'
            ? ['osso', DETAILS.expulsion]
            : [
                rng.chance(0.5) ? 'osso' : ((city && this.ctx.troikaIn.get(city)) ?? 'osso'),
                sentenceDetails(rng, rng.pick(DETAILS.camp)),
              ];
      out.push(this.event(rng, 'sentence', sentenced, PRECISE, null, organization, details));
    }

    switch (outcome) {
      case 'shot': {
        const sites = city ? this.ctx.executionSitesIn.get(city) : undefined;
        const executed = sentenced + rng.int(12);
        out.push(this.event(rng, 'execution', executed, PRECISE, sites?.length ? rng.pick(sites) : city, nkvd));
        if (rng.chance(0.45)) {
          const day = D(1956, 1, 1) + rng.int(35 * YEAR);
          out.push(this.event(rng, 'rehabilitation', day, VAGUE, 'moscow', 'military-collegium'));
        }
        break;
      }
      case 'camp': {
        const camp = sentenced + 15 + rng.int(105);
        const campPlace = this.place(rng, 'camp');
        out.push(this.event(rng, 'camp', camp, VAGUE, campPlace, 'gulag'));
        const next = AFTER_CAMP.draw(rng);
        const handover = next === 'handover' ? this.group(rng, camp + 60) : null;
        if (handover !== null) {
          this.handedOver(rng, out, handover);
        } else if (next === 'death') {
          out.push(
            this.event(rng, 'death', Math.min(camp + 90 + rng.int(4000), D(1953, 12, 31)), VAGUE, campPlace, null),
          );
        } else if (next === 'release') {
          const released = camp + YEAR * (1 + rng.int(10));
          out.push(this.event(rng, 'release', released, PRECISE, campPlace, null));
          if (rng.chance(0.3)) {
            out.push(this.event(rng, 'death', released + rng.int(30 * YEAR), VAGUE, this.place(rng, 'soviet'), null));
          }
        }
        break;
      }
      case 'handover':
        this.handedOver(rng, out, handoverGroup as number);
        break;
      case 'expelled': {
        const ordered = sentenced + 5 + rng.int(55);
        if (rng.chance(0.7))
          out.push(this.event(rng, 'expulsion-order', ordered, PRECISE, null, rng.pick(['osso', 'nkvd'])));
        out.push(this.event(rng, 'expulsion', ordered + 10 + rng.int(80), PRECISE, this.place(rng, 'exit'), 'nkvd'));
        break;
      }
      case 'released': {
        const released = arrest + 60 + rng.int(840);
        out.push(this.event(rng, 'release', released, PRECISE, city, nkvd));
        if (rng.chance(0.25)) {
          out.push(this.event(rng, 'death', released + rng.int(40 * YEAR), VAGUE, this.place(rng, 'soviet'), null));
        }
        break;
      }
      case 'unknown':
        break;
    }
    return fit(rng, out, here);
  }

  /** Handed over at Brest, then perhaps Gestapo custody, a concentration camp, death or release. */
  private handedOver(rng: Rng, out: LifeEvent[], group: number): void {
    const { day, date } = this.ctx.groups[group] as { day: number; date: Dated };
    out.push({
      type: 'handover',
      day,
      date,
      place: null,
      organization: null,
      details: null,
      group,
      perpetrator: false,
      witness: false,
    });
    let cursor = day;
    if (rng.chance(0.6)) {
      cursor = day + rng.int(14);
      out.push(this.event(rng, 'gestapo-custody', cursor, PRECISE, this.place(rng, 'gestapo'), 'gestapo'));
    }
    if (rng.chance(0.35)) {
      cursor = Math.min(cursor + 30 + rng.int(900), D(1945, 3, 31));
      const camp = this.place(rng, 'nazi-camp');
      out.push(this.event(rng, 'concentration-camp', cursor, VAGUE, camp, null));
      if (rng.chance(0.4)) {
        out.push(this.event(rng, 'death', Math.min(cursor + 30 + rng.int(900), D(1945, 5, 8)), VAGUE, camp, null));
      } else if (rng.chance(0.25)) {
        out.push(this.event(rng, 'release', Math.max(cursor + 30, D(1945, 4, 1) + rng.int(40)), PRECISE, camp, null));
      }
    }
  }

  private notArrested(rng: Rng, out: LifeEvent[], from: number, here: string | null): void {
    switch (NOT_ARRESTED.draw(rng)) {
      case 'remigration':
        out.push(this.event(rng, 'remigration', from + rng.int(6 * YEAR), VAGUE, this.place(rng, 'exit'), null));
        break;
      case 'death':
        out.push(this.event(rng, 'death', from + rng.int(40 * YEAR), VAGUE, here, null));
        break;
      case 'deportation':
        out.push(this.event(rng, 'deportation', D(1941, 8, 28) + rng.int(120), PRECISE, 'karaganda', 'nkvd'));
        break;
      case 'none':
        break;
    }
  }
}
