/**
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD: at start-up, create (or promote) the first
 * administrator while the database has none; afterwards the variables are ignored, so a later
 * deliberate demotion is never undone by a restart. Invalid values stop start-up.
 */
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../../config.js';
import { AppError } from '../../graphql/errors.js';
import type { Services } from '../../services.js';
import { parseEmail, parseNewPassword } from '../auth/auth.inputs.js';

export async function bootstrapAdminFromConfig(config: Config, services: Services, now: Date, logger: Logger): Promise<void> {
  if (!config.bootstrapAdmin) return;
  let email: string;
  let password: string;
  try {
    email = parseEmail(config.bootstrapAdmin.email, 'BOOTSTRAP_ADMIN_EMAIL');
    password = parseNewPassword(config.bootstrapAdmin.password, email, config.passwords, 'BOOTSTRAP_ADMIN_PASSWORD');
  } catch (error) {
    if (error instanceof AppError) throw new ConfigError(`Invalid configuration:\n  ${String(error.extensions.field)}: ${error.message}`);
    throw error;
  }
  const meta = { now, ipAddress: null, userAgent: 'latchkey-bootstrap' };
  const result = await services.adminAccounts.bootstrapAdmin({ email, password, via: 'bootstrap' }, meta);
  if (result.action === 'skipped') logger.info('bootstrap admin: an administrator exists already; nothing to do');
  else if ('user' in result) logger.info({ userId: result.user.id, action: result.action }, `bootstrap admin: ${result.action}`);
}
