import { describe, expect, it } from 'vitest';
import { licenceLine, parseLicence } from './data-licence.ts';

describe('the data licence setting', () => {
  it('defaults to CC BY 4.0', () => {
    expect(parseLicence(undefined)).toEqual({
      spdx: 'CC-BY-4.0',
      name: 'CC BY 4.0',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(parseLicence('  ').spdx).toBe('CC-BY-4.0');
  });

  it('knows common data licences by their SPDX identifier, in any case', () => {
    expect(parseLicence('cc0-1.0')).toMatchObject({ spdx: 'CC0-1.0', name: 'CC0 1.0' });
    expect(parseLicence('ODbL-1.0').url).toBe('https://opendatacommons.org/licenses/odbl/1-0/');
  });

  it('takes any other licence as a name with the address of its text', () => {
    expect(parseLicence('Terms of the Foundation https://example.org/terms')).toEqual({
      spdx: null,
      name: 'Terms of the Foundation',
      url: 'https://example.org/terms',
    });
    expect(parseLicence('All rights reserved')).toEqual({ spdx: null, name: 'All rights reserved', url: null });
    expect(licenceLine(parseLicence('All rights reserved'))).toBe('All rights reserved');
    expect(licenceLine(parseLicence(undefined))).toBe('CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
  });
});
