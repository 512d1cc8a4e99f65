import { NAME_KINDS } from '../names/name.ts';
import { ATTRIBUTE_TYPES, FATES, PERSON_ROLES, RELATIONSHIP_TYPES, SEXES } from '../persons/person.ts';
import { STATUSES } from '../statements/status.ts';
import {
  CheckboxGroup,
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
 * A person's whole record on one form: the record's own fields, every name, the biographies,
 * facts and relations, each statement with its rank, status and sources. Events are records of
 * their own, listed beside the form (see edit-page.views.tsx).
 */

const isDraft = (v: Record<string, unknown>) => v.status === 'draft';

export function PersonForm({ f }: { f: FormContext }) {
  const t = f.t;
  return (
    <>
      <fieldset class="section">
        <legend>{t.edit.sections.record}</legend>
        <div class="field-row">
          <TextField f={f} path="display" hint={t.edit.hints.display} />
          <TextField f={f} path="sort" hint={t.edit.hints.sort} />
        </div>
        <div class="field-row">
          <SelectField f={f} path="sex" options={options(SEXES, t.sexes)} />
          <SelectField f={f} path="status" options={options(STATUSES, t.edit.statuses)} />
          <SelectField
            f={f}
            path="fateOverride"
            options={options(FATES, t.fates)}
            blank={t.edit.derived}
            hint={t.edit.hints.fateOverride}
          />
        </div>
        <CheckboxGroup f={f} path="roles" options={options(PERSON_ROLES, t.roles)} />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.names}</legend>
        <Entries
          f={f}
          list="names"
          render={(p, v) => (
            <Entry f={f} path={p} draft={isDraft(v)}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <SelectField f={f} path={`${p}.kind`} options={options(NAME_KINDS, t.nameKinds)} />
                <TextField f={f} path={`${p}.lang`} hint={t.edit.hints.lang} maxlength={20} />
                <DateField f={f} path={`${p}.valid`} />
              </div>
              <div class="field-row">
                <TextField f={f} path={`${p}.given`} />
                <TextField f={f} path={`${p}.patronymic`} />
                <TextField f={f} path={`${p}.surname`} />
              </div>
              <TextField f={f} path={`${p}.full`} hint={t.edit.hints.full} />
              <StatementFields f={f} path={p} />
              <Citations f={f} path={p} />
            </Entry>
          )}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.biography}</legend>
        <TextsByLanguage f={f} path="biography" />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.attributes}</legend>
        <Entries
          f={f}
          list="attributes"
          render={(p, v) => (
            <Entry f={f} path={p} draft={isDraft(v)}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <SelectField
                  f={f}
                  path={`${p}.type`}
                  options={options(ATTRIBUTE_TYPES, t.attributeTypes)}
                  blank={t.edit.choose}
                />
                <TextField f={f} path={`${p}.value`} required />
                <DateField f={f} path={`${p}.date`} />
              </div>
              <div class="field-row">
                <RefField f={f} path={`${p}.organization`} target="organization" />
                <RefField f={f} path={`${p}.place`} target="place" />
              </div>
              <StatementFields f={f} path={p} />
              <Citations f={f} path={p} />
            </Entry>
          )}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.relationships}</legend>
        <Entries
          f={f}
          list="relationships"
          render={(p, v) => (
            <Entry f={f} path={p} draft={isDraft(v)}>
              <HiddenId f={f} path={p} />
              <div class="field-row">
                <SelectField
                  f={f}
                  path={`${p}.type`}
                  options={options(RELATIONSHIP_TYPES, t.relationshipTypes)}
                  blank={t.edit.choose}
                />
                <RefField f={f} path={`${p}.relatedPerson`} target="person" />
                <TextField f={f} path={`${p}.relatedName`} hint={t.edit.hints.relatedName} />
                <DateField f={f} path={`${p}.date`} />
              </div>
              <StatementFields f={f} path={p} />
              <Citations f={f} path={p} />
            </Entry>
          )}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{t.edit.sections.citations}</legend>
        <Citations f={f} path="" />
      </fieldset>
    </>
  );
}
