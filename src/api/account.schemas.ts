import { z } from 'zod';
import { ROLES } from '../accounts/role.ts';

export const meResponse = z.object({
  id: z.number().int(),
  name: z.string().describe('The sign-in name.'),
  displayName: z.string().nullable(),
  role: z.enum(ROLES).describe('admin ⊇ editor ⊇ reviewer: each may do what the roles after it may.'),
});
