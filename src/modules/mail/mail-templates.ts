/**
 * One small template per kind of account email, each rendered as plain text plus HTML by one
 * layout. Guarantees: every user-provided or configured string is HTML-escaped; the raw token
 * appears only inside the action link, which always starts at APP_URL. Pure.
 */
import escapeHtml from 'escape-html';

export interface MailContext {
  appName: string;
  displayName: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  closing: string;
}

export type MailLinkPath = '/verify-email' | '/reset-password' | '/confirm-email-change';

export function actionLink(appUrl: string, path: MailLinkPath, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

/** "24 hours", "30 minutes", "1 hour", "90 seconds". */
export function describeDuration(seconds: number): string {
  const [amount, unit] =
    seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

const IGNORE = 'If you did not ask for this, you can ignore this message.';
const NOT_YOU = 'If this was not you, reset your password at once and review your active sessions.';

export const mailTemplates = {
  verifyEmail: (ctx: MailContext, url: string, validFor: string) =>
    render(ctx, {
      subject: `Confirm your email address for ${ctx.appName}`,
      paragraphs: [`Please confirm that this is your email address for ${ctx.appName}. The link works once and expires in ${validFor}.`],
      action: { label: 'Confirm email address', url },
      closing: IGNORE,
    }),
  resetPassword: (ctx: MailContext, url: string, validFor: string) =>
    render(ctx, {
      subject: `Reset your ${ctx.appName} password`,
      paragraphs: [`Someone asked to reset the password of your account. The link works once and expires in ${validFor}.`],
      action: { label: 'Choose a new password', url },
      closing: `${IGNORE} Your password stays as it is.`,
    }),
  passwordChanged: (ctx: MailContext) =>
    render(ctx, {
      subject: `Your ${ctx.appName} password was changed`,
      paragraphs: [`The password of your ${ctx.appName} account was just changed, and your other sessions were signed out.`],
      closing: NOT_YOU,
    }),
  confirmEmailChange: (ctx: MailContext, url: string, validFor: string) =>
    render(ctx, {
      subject: `Confirm your new email address for ${ctx.appName}`,
      paragraphs: [`Please confirm that you want to use this address for your ${ctx.appName} account. The link works once and expires in ${validFor}.`],
      action: { label: 'Confirm new email address', url },
      closing: IGNORE,
    }),
  emailChangeNotice: (ctx: MailContext) =>
    render(ctx, {
      subject: `Email address change requested on ${ctx.appName}`,
      paragraphs: [`Someone asked to move your ${ctx.appName} account to another email address. Nothing changes until the new address is confirmed.`],
      closing: NOT_YOU,
    }),
};

export type MailKind = keyof typeof mailTemplates;

function render(ctx: MailContext, content: MailContent): RenderedMail {
  const greeting = ctx.displayName ? `Hello ${ctx.displayName},` : 'Hello,';
  const text = [
    greeting,
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    content.closing,
    `— ${ctx.appName}`,
  ].join('\n\n');
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const button = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    paragraph(greeting),
    ...content.paragraphs.map(paragraph),
    button,
    paragraph(content.closing),
    paragraph(`— ${ctx.appName}`),
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text: `${text}\n`, html };
}
