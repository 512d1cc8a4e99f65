export const PLACE_KINDS = [
  'country',
  'region',
  'city',
  'district',
  'street',
  'building',
  'prison',
  'camp',
  'ghetto',
  'border-crossing',
  'mine',
  'factory',
] as const;
