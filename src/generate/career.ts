import { fit, LifeBuilder, type LifeEvent, type StaffKind } from './life.ts';
import { BIRTH, D, DETAILS, GESTAPO_POSITIONS, PRECISE, SPAN, STAFF_POSITIONS, VAGUE, YEAR } from './life-details.ts';
import type { Rng } from './prng.ts';
import type { Origin } from './tables.ts';

/** The careers of officials: NKVD investigators and clerks, Gestapo officers at the border. */
export class Careers extends LifeBuilder {
  /** The career of one officer; a fifth of the NKVD's were themselves arrested in 1938–39, most of them shot. */
  staff(rng: Rng, origin: Origin, kind: StaffKind): LifeEvent[] {
    const out: LifeEvent[] = [];
    const born = D(1885, 1, 1) + rng.int(27 * YEAR);
    out.push(this.event(rng, 'birth', born, BIRTH, this.place(rng, `born-${origin}`), null));
    if (kind === 'gestapo-official') {
      const from = Math.max(born + 20 * YEAR, D(1933, 3, 1) + rng.int(3 * YEAR));
      out.push(this.event(rng, 'work', from, SPAN, this.place(rng, 'gestapo'), 'gestapo', rng.pick(GESTAPO_POSITIONS)));
      if (rng.chance(0.5)) out.push(this.event(rng, 'work', D(1939, 9, 1) + rng.int(600), PRECISE, 'brest', 'gestapo'));
      out.push(this.event(rng, 'death', D(1944, 1, 1) + rng.int(40 * YEAR), VAGUE, this.place(rng, 'born-de'), null));
      return fit(rng, out, null);
    }
    out.push(
      this.event(rng, 'membership', Math.max(born + 18 * YEAR, D(1918, 1, 1) + rng.int(14 * YEAR)), SPAN, null, 'vkpb'),
    );
    const board = this.organization(rng, 'work-staff');
    const city = this.place(rng, 'arrest');
    const joined = Math.max(born + 20 * YEAR, D(1930, 1, 1) + rng.int(7 * YEAR));
    const positions = kind === 'nkvd-perpetrator' ? STAFF_POSITIONS.slice(0, 8) : STAFF_POSITIONS.slice(8);
    out.push(this.event(rng, 'work', joined, SPAN, city, board, rng.pick(positions)));
    if (rng.chance(0.2)) {
      const arrested = D(1938, 6, 1) + rng.int(570);
      out.push(this.event(rng, 'arrest', arrested, PRECISE, city, 'nkvd'));
      const sentenced = arrested + 30 + rng.int(200);
      const shot = rng.chance(0.7);
      out.push(
        this.event(
          rng,
          'sentence',
          sentenced,
          PRECISE,
          null,
          'military-collegium',
          shot ? DETAILS.death : rng.pick(DETAILS.camp),
        ),
      );
      if (shot) out.push(this.event(rng, 'execution', sentenced + rng.int(5), PRECISE, 'kommunarka', 'nkvd'));
      else out.push(this.event(rng, 'camp', sentenced + 30 + rng.int(90), VAGUE, this.place(rng, 'camp'), 'gulag'));
      return fit(rng, out, city);
    }
    if (rng.chance(0.2))
      out.push(this.event(rng, 'military-service', D(1941, 6, 22) + rng.int(1400), VAGUE, null, null));
    if (rng.chance(0.5)) out.push(this.event(rng, 'death', D(1941, 1, 1) + rng.int(45 * YEAR), VAGUE, city, null));
    return fit(rng, out, city);
  }
}
