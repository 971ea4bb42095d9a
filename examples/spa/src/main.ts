/** The example's UI: plain DOM, no framework. All token handling is in session.ts. */
import {
  LoginDocument,
  MeDocument,
  RegisterDocument,
  RevokeSessionDocument,
  SessionsDocument,
  type SessionFieldsFragment,
} from 'latchkey/client';
import { createSession } from './session.js';

declare const __LATCHKEY_API__: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement>(id).value;

const session = createSession(__LATCHKEY_API__, (reason) => show('signed-out', `Signed out (${reason})`));

function show(state: 'signed-in' | 'signed-out', error = ''): void {
  document.body.dataset.state = state;
  $('signed-in').hidden = state !== 'signed-in';
  $('signed-out').hidden = state !== 'signed-out';
  $('error').textContent = error;
}

function sessionItem(item: SessionFieldsFragment): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.sessionId = item.id;
  li.dataset.current = String(item.current);
  li.textContent = `${item.userAgent ?? 'unknown device'}, since ${new Date(item.createdAt).toLocaleString()}${item.current ? ' (this device)' : ''} `;
  if (!item.current) {
    const button = document.createElement('button');
    button.textContent = 'Revoke';
    button.className = 'revoke';
    button.addEventListener('click', () => guarded(async () => {
      await session.call(RevokeSessionDocument, { id: item.id });
      await render();
    }));
    li.append(button);
  }
  return li;
}

async function render(): Promise<void> {
  const { me } = await session.call(MeDocument, {});
  const { sessions } = await session.call(SessionsDocument, {});
  if (!me) return show('signed-out');
  $('me-email').textContent = me.email;
  $('me-role').textContent = me.role;
  $('sessions').replaceChildren(...sessions.map(sessionItem));
  show('signed-in');
  // Lets the end-to-end test wait for a completed render.
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
}

/** Runs a UI action; errors other than a sign-out (already shown) appear in #error. */
async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    $('error').textContent = '';
    await action();
  } catch (error) {
    if (document.body.dataset.state !== 'signed-out') $('error').textContent = (error as Error).message;
  }
}

$('register').addEventListener('click', () => guarded(async () => {
  const displayName = value('display-name').trim() || null;
  await session.signIn(RegisterDocument, { input: { email: value('email'), password: value('password'), displayName } });
  await render();
}));

$('signed-out').addEventListener('submit', (event) => {
  event.preventDefault();
  void guarded(async () => {
    await session.signIn(LoginDocument, { input: { email: value('email'), password: value('password') } });
    await render();
  });
});

$('reload').addEventListener('click', () => guarded(render));
$('logout').addEventListener('click', () => guarded(() => session.logout()));

// On load the tab has no access token: the refresh cookie, if any, signs it back in.
session
  .refresh()
  .then((signedIn) => (signedIn ? render() : show('signed-out')))
  .catch((error: Error) => show('signed-out', `Could not reach Latchkey: ${error.message}`));
