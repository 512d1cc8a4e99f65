import { describe, expect, it } from 'vitest';
import { applyFormOp, fromFormValues, problemsByField, readSubmission, toFormValues } from './edit-form.routes.ts';

describe('edit forms', () => {
  it('reads a submission: values by path, the revision, the reason, an add or remove asked for', () => {
    const sub = readSubmission({
      _csrf: 'x',
      _base: '42',
      _reason: 'from the list',
      _add: 'names.0.citations',
      'names.0.surname': 'Harzheim',
      roles: ['victim', 'witness'],
    });
    expect(sub).toEqual({
      values: { names: [{ surname: 'Harzheim' }], roles: ['victim', 'witness'] },
      base: 42,
      reason: 'from the list',
      op: { add: 'names.0.citations' },
    });
    // Only lists the form has can grow, and only entries of them can go.
    expect(readSubmission({ _add: '__proto__' }).op).toBeNull();
    expect(readSubmission({ _add: 'names.x' }).op).toBeNull();
    expect(readSubmission({ _remove: 'names.1' }).op).toEqual({ remove: 'names.1' });
    expect(readSubmission({ _remove: 'names' }).op).toBeNull();
    expect(readSubmission({ _base: 'abc' }).base).toBeNull();
  });

  it('adds an empty entry to a list, nested ones too, and takes one out', () => {
    const values = { names: [{ surname: 'A' }, { surname: 'B' }] };
    expect(applyFormOp(values, { add: 'names' })).toEqual({ names: [{ surname: 'A' }, { surname: 'B' }, {}] });
    expect(applyFormOp(values, { add: 'names.1.citations' })).toEqual({
      names: [{ surname: 'A' }, { surname: 'B', citations: [{}] }],
    });
    expect(applyFormOp(values, { add: 'attributes' })).toEqual({ ...values, attributes: [{}] });
    expect(applyFormOp(values, { remove: 'names.0' })).toEqual({ names: [{ surname: 'B' }] });
    expect(applyFormOp(values, { remove: 'names.5.citations.0' })).toEqual(values);
    expect(values.names).toHaveLength(2);
  });

  it('shows details as rows and reads them back with their numbers, so an unchanged form changes nothing', () => {
    const doc = {
      type: 'handover',
      details: { people: 30, kind: 'by train' },
      variants: [{ details: { people: 24 } }],
    };
    const form = toFormValues(doc);
    expect(form.details).toEqual([
      { key: 'people', value: '30' },
      { key: 'kind', value: 'by train' },
    ]);
    expect(fromFormValues(form).doc).toEqual(doc);
  });

  it('needs a key for a detail’s value, and puts a detail’s problem at its row', () => {
    const { doc, problems, detailFields } = fromFormValues({
      details: [
        { key: '', value: 'x' },
        { key: 'term', value: '10 years' },
        { key: '', value: '' },
      ],
      roles: 'victim',
    });
    expect(doc).toEqual({ details: { term: '10 years' }, roles: ['victim'] });
    expect(problems).toEqual([{ path: 'details.0.key', message: 'required' }]);
    expect(problemsByField([{ path: 'details.term', message: 'too long' }], detailFields)).toEqual(
      new Map([['details.1.value', 'too long']]),
    );
  });
});
