import { describe, expect, it } from 'vitest';
import { actionLink, describeDuration, mailTemplates } from '../../../src/modules/mail/mail-templates.js';

const ctx = { appName: 'Acme & Co', displayName: '<script>alert("x")</script>' };
const token = 'A'.repeat(43);

describe('actionLink', () => {
  it('starts at APP_URL, without a doubled slash, with the token as the only parameter', () => {
    expect(actionLink('https://app.example.com/', '/reset-password', token)).toBe(`https://app.example.com/reset-password?token=${token}`);
    expect(actionLink('https://example.com/spa', '/verify-email', token)).toBe(`https://example.com/spa/verify-email?token=${token}`);
  });
});

describe('describeDuration', () => {
  it.each([
    [86_400, '24 hours'],
    [3600, '1 hour'],
    [1800, '30 minutes'],
    [60, '1 minute'],
    [90, '90 seconds'],
  ])('describes %i s as %s', (seconds, text) => {
    expect(describeDuration(seconds)).toBe(text);
  });
});

describe('mailTemplates', () => {
  const url = actionLink('https://app.example.com', '/verify-email', token);

  it('escapes the display name and the app name in HTML but keeps them readable in text', () => {
    const mail = mailTemplates.verifyEmail(ctx, url, '24 hours');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Acme &amp; Co');
    expect(mail.text).toContain('Hello <script>alert("x")</script>,');
    expect(mail.subject).toContain('Acme & Co');
  });

  it('puts the token only in the link, in both parts', () => {
    const mail = mailTemplates.resetPassword(ctx, url, '30 minutes');
    expect(mail.text.split(token)).toHaveLength(2);
    expect(mail.html.split(token)).toHaveLength(2);
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.text).toContain('30 minutes');
  });

  it('renders notices without any link and greets a nameless user plainly', () => {
    for (const mail of [mailTemplates.passwordChanged({ ...ctx, displayName: null }), mailTemplates.emailChangeNotice({ ...ctx, displayName: null })]) {
      expect(mail.text).not.toContain('http');
      expect(mail.html).not.toContain('href');
      expect(mail.text.startsWith('Hello,')).toBe(true);
    }
  });
});
