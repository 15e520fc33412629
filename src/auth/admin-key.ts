import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../kernel/logger.ts';
import { hashSecret, newAdminKey } from './secrets.ts';

/**
 * The root key's hash. From SWITCHBOARD_ADMIN_KEY when set; on the embedded default without it,
 * generated on first start into DATA_DIR and printed once, so a newcomer can create a tenant.
 */
export async function resolveAdminKeyHash(options: {
  adminKey?: string;
  dataDir?: string;
  logger: Logger;
}): Promise<string | null> {
  if (options.adminKey) return hashSecret(options.adminKey);
  if (!options.dataDir) {
    options.logger.warn('SWITCHBOARD_ADMIN_KEY is not set: no key can create tenants');
    return null;
  }
  const file = join(options.dataDir, 'admin-key');
  try {
    return hashSecret((await readFile(file, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = newAdminKey();
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  // Printed to stdout once, outside the structured log, so it is not shipped to log stores.
  process.stdout.write(
    `\nSwitchboard admin key (shown once, also stored in ${file}):\n\n  ${key}\n\n` +
      `Use it as "Authorization: Bearer <key>" to create a tenant and its API keys.\n\n`,
  );
  return hashSecret(key);
}
