/**
 * The account emails, one function per kind. Each renders its template and hands it to the
 * mailer without waiting: call them only after the transaction that issued the token committed.
 */
import type { AccountConfig, MailConfig } from '../../config.js';
import { actionLink, describeDuration, mailTemplates, type MailContext, type MailLinkPath, type RenderedMail } from './mail-templates.js';
import type { Mailer } from './mailer.js';

export interface Recipient {
  email: string;
  displayName: string | null;
}

export interface AccountMailDeps {
  mailer: Mailer;
  mail: Pick<MailConfig, 'appName' | 'appUrl'>;
  ttls: AccountConfig['tokenTtlSeconds'];
}

export function createAccountMail({ mailer, mail, ttls }: AccountMailDeps) {
  const context = (user: Recipient): MailContext => ({ appName: mail.appName, displayName: user.displayName });
  const send = (kind: string, to: string, rendered: RenderedMail, links: string[] = []) =>
    mailer.dispatch({ kind, to, ...rendered, links });
  const link = (path: MailLinkPath, token: string) => actionLink(mail.appUrl, path, token);

  return {
    verifyEmail(user: Recipient, token: string): void {
      const url = link('/verify-email', token);
      send('verify-email', user.email, mailTemplates.verifyEmail(context(user), url, describeDuration(ttls.EMAIL_VERIFICATION)), [url]);
    },
    resetPassword(user: Recipient, token: string): void {
      const url = link('/reset-password', token);
      send('reset-password', user.email, mailTemplates.resetPassword(context(user), url, describeDuration(ttls.PASSWORD_RESET)), [url]);
    },
    passwordChanged(user: Recipient): void {
      send('password-changed', user.email, mailTemplates.passwordChanged(context(user)));
    },
    /** The confirmation goes to the new address, the notice to the current one. */
    emailChangeRequested(user: Recipient, newEmail: string, token: string): void {
      const url = link('/confirm-email-change', token);
      const validFor = describeDuration(ttls.EMAIL_CHANGE);
      send('confirm-email-change', newEmail, mailTemplates.confirmEmailChange(context(user), url, validFor), [url]);
      send('email-change-notice', user.email, mailTemplates.emailChangeNotice(context(user)));
    },
  };
}

export type AccountMail = ReturnType<typeof createAccountMail>;
