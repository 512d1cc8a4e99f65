import { PLACE_KINDS } from '../places/place.ts';
import { SOURCE_KINDS } from '../sources/source.ts';
import { STATUSES } from '../statements/status.ts';
import {
  DateField,
  Entries,
  Entry,
  type FormContext,
  HiddenId,
  options,
  RefField,
  SelectField,
  TextArea,
  TextField,
} from './form-fields.views.tsx';

/* The forms of places, organizations and sources: each record's fields and its names or texts. */

export function PlaceForm({ f }: { f: FormContext }) {
  const t = f.t;
  return (
    <>
      <fieldset class="section">
        <legend>{t.edit.sections.record}</legend>
        <div class="field-row">
          <SelectField f={f} path="kind" options={options(PLACE_KINDS, t.placeKinds)} blank={t.edit.choose} />
          <SelectField f={f} path="status" options={options(STATUSES, t.edit.statuses)} />
          <RefField f={f} path="parent" target="place" />
        </div>
        <div class="field-row">
          <TextField f={f} path="lat" inputmode="decimal" maxlength={30} />
          <TextField f={f} path="lon" inputmode="decimal" maxlength={30} />
          <TextField f={f} path="country" hint={t.edit.hints.country} maxlength={2} />
        </div>
        <div class="field-row">
          <TextField f={f} path="geonames" maxlength={20} />
          <TextField f={f} path="wikidata" maxlength={20} />
        </div>
        <TextField f={f} path="note" />
      </fieldset>
      <fieldset class="section">
        <legend>{t.edit.sections.placeNames}</legend>
        <Entries
          f={f}
          list="names"
          render={(p) => (
            <Entry f={f} path={p}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <TextField f={f} path={`${p}.name`} required />
                <TextField f={f} path={`${p}.lang`} hint={t.edit.hints.lang} maxlength={20} required />
                <SelectField
                  f={f}
                  path={`${p}.kind`}
                  options={options(['current', 'historical', 'variant'], t.edit.placeNameKinds)}
                />
                <DateField f={f} path={`${p}.valid`} />
              </div>
            </Entry>
          )}
        />
      </fieldset>
    </>
  );
}

export function OrganizationForm({ f }: { f: FormContext }) {
  const t = f.t;
  return (
    <>
      <fieldset class="section">
        <legend>{t.edit.sections.record}</legend>
        <div class="field-row">
          <TextField f={f} path="kind" required />
          <SelectField f={f} path="status" options={options(STATUSES, t.edit.statuses)} />
        </div>
        <div class="field-row">
          <RefField f={f} path="parent" target="organization" />
          <RefField f={f} path="place" target="place" />
        </div>
        <div class="field-row">
          <TextField f={f} path="wikidata" maxlength={20} />
          <TextField f={f} path="gnd" maxlength={20} />
        </div>
        <TextField f={f} path="note" />
      </fieldset>
      <fieldset class="section">
        <legend>{t.edit.sections.orgNames}</legend>
        <Entries
          f={f}
          list="names"
          render={(p) => (
            <Entry f={f} path={p}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <TextField f={f} path={`${p}.name`} required />
                <TextField f={f} path={`${p}.abbreviation`} />
                <TextField f={f} path={`${p}.lang`} hint={t.edit.hints.lang} maxlength={20} />
              </div>
            </Entry>
          )}
        />
      </fieldset>
    </>
  );
}

export function SourceForm({ f }: { f: FormContext }) {
  const t = f.t;
  return (
    <>
      <fieldset class="section">
        <legend>{t.edit.sections.record}</legend>
        <div class="field-row">
          <SelectField f={f} path="kind" options={options(SOURCE_KINDS, t.source.kinds)} blank={t.edit.choose} />
          <SelectField f={f} path="status" options={options(STATUSES, t.edit.statuses)} />
          <RefField f={f} path="parent" target="source" />
        </div>
        <TextField f={f} path="title" required />
        <div class="field-row">
          <TextField f={f} path="authors" />
          <TextField f={f} path="container" />
        </div>
        <div class="field-row">
          <TextField f={f} path="publisher" />
          <TextField f={f} path="publicationPlace" />
          <DateField f={f} path="date" />
        </div>
        <div class="field-row">
          <TextField f={f} path="url" maxlength={2000} />
          <DateField f={f} path="accessed" />
          <TextField f={f} path="language" hint={t.edit.hints.lang} maxlength={20} />
        </div>
        <div class="field-row">
          <TextField f={f} path="archive" />
          <TextField f={f} path="fond" />
          <TextField f={f} path="opis" />
          <TextField f={f} path="delo" />
          <TextField f={f} path="folios" />
        </div>
        <TextArea f={f} path="note" rows={3} />
      </fieldset>
      <fieldset class="section">
        <legend>{t.edit.sections.columns}</legend>
        <Entries
          f={f}
          list="columns"
          render={(p) => (
            <Entry f={f} path={p}>
              <div class="field-row">
                <TextField f={f} path={`${p}.key`} hint={t.edit.hints.columnKey} maxlength={40} required />
                <TextField f={f} path={`${p}.label`} required />
              </div>
            </Entry>
          )}
        />
      </fieldset>
      <fieldset class="section">
        <legend>{t.edit.sections.texts}</legend>
        <Entries
          f={f}
          list="texts"
          render={(p) => (
            <Entry f={f} path={p}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <SelectField
                  f={f}
                  path={`${p}.kind`}
                  options={options(['transcription', 'translation'], t.source.textKinds)}
                />
                <TextField f={f} path={`${p}.lang`} hint={t.edit.hints.lang} maxlength={20} required />
              </div>
              <TextArea f={f} path={`${p}.text`} rows={10} maxlength={200_000} />
              <TextField f={f} path={`${p}.note`} />
            </Entry>
          )}
        />
      </fieldset>
    </>
  );
}
