import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import type { Role } from '../../src/accounts/role.ts';
import { type AccountSettings, DEFAULT_ACCOUNT_SETTINGS } from '../../src/accounts/settings.ts';
import { addUser } from '../../src/accounts/user.service.ts';
import type { User } from '../../src/accounts/user.ts';
import type { Db } from '../../src/db/connection.ts';

/** A user made through the service, with a password of their own (`<name>-password`) unless given. */
export async function insertUser(
  db: Db,
  spec: { name: string; role: Role; password?: string; displayName?: string; mustChangePassword?: boolean },
): Promise<User & { password: string }> {
  const password = spec.password ?? `${spec.name}-password`;
  const user = await addUser(
    db,
    {
      name: spec.name,
      role: spec.role,
      password,
      displayName: spec.displayName,
      mustChangePassword: spec.mustChangePassword,
    },
    COMMAND_LINE,
  );
  return { ...user, password };
}

/** The default settings with a throttle small enough to reach in a test. */
export function testSettings(throttle: Partial<AccountSettings['throttle']> = {}): AccountSettings {
  return { ...DEFAULT_ACCOUNT_SETTINGS, throttle: { ...DEFAULT_ACCOUNT_SETTINGS.throttle, ...throttle } };
}
