import { EVENT_TYPES, PARTICIPANT_ROLES } from '../events/event.ts';
import { RANKS } from '../statements/rank.ts';
import { STATUSES } from '../statements/status.ts';
import {
  Citations,
  DateField,
  Entries,
  Entry,
  type FormContext,
  HiddenId,
  options,
  RefField,
  SelectField,
  StatementFields,
  TextField,
  TextsByLanguage,
} from './form-fields.views.tsx';

/*
 * An event's whole record: what happened, when and where, its typed details, its descriptions,
 * everyone who took part with their role, its sources, and other sources' accounts of it.
 */

/** What an account of the event says: date, place, organization and details, as the source gives them. */
function Account({ f, path }: { f: FormContext; path: string }) {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  return (
    <>
      <div class="field-row">
        <DateField f={f} path={at('date')} />
        <TextField f={f} path={at('dateText')} />
      </div>
      <div class="field-row">
        <RefField f={f} path={at('place')} target="place" />
        <TextField f={f} path={at('placeText')} />
        <RefField f={f} path={at('organization')} target="organization" />
      </div>
      <fieldset class="details">
        <legend>{capitalised(f.t.edit.fields.details)}</legend>
        <p class="hint">{f.t.edit.hints.details}</p>
        <Entries
          f={f}
          list={at('details')}
          render={(p) => (
            <Entry f={f} path={p}>
              <div class="field-row">
                <TextField f={f} path={`${p}.key`} maxlength={100} />
                <TextField f={f} path={`${p}.value`} />
              </div>
            </Entry>
          )}
        />
      </fieldset>
    </>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function EventForm({ f }: { f: FormContext }) {
  const t = f.t;
  return (
    <>
      <fieldset class="section">
        <legend>{t.edit.sections.event}</legend>
        <div class="field-row">
          <SelectField f={f} path="type" options={options(EVENT_TYPES, t.eventTypes)} blank={t.edit.choose} />
          <SelectField f={f} path="status" options={options(STATUSES, t.edit.statuses)} />
          <SelectField f={f} path="rank" options={options(RANKS, t.ranks)} />
        </div>
        <Account f={f} path="" />
        <TextField f={f} path="note" />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.description}</legend>
        <TextsByLanguage f={f} path="description" />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.participants}</legend>
        <Entries
          f={f}
          list="participants"
          render={(p) => (
            <Entry f={f} path={p}>
              <div class="field-row">
                <RefField f={f} path={`${p}.person`} target="person" required />
                <SelectField
                  f={f}
                  path={`${p}.role`}
                  options={options(PARTICIPANT_ROLES, t.participantRoles)}
                  blank={t.edit.choose}
                />
                <TextField f={f} path={`${p}.note`} />
              </div>
            </Entry>
          )}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.eventCitations}</legend>
        <Citations f={f} path="" />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.variants}</legend>
        <Entries
          f={f}
          list="variants"
          render={(p, v) => (
            <Entry f={f} path={p} draft={v.status === 'draft'}>
              <HiddenId f={f} path={p} />
              <Account f={f} path={p} />
              <StatementFields f={f} path={p} />
              <Citations f={f} path={p} />
            </Entry>
          )}
        />
      </fieldset>
    </>
  );
}
