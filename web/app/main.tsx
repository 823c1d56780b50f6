/**
 * The residents' app: reads config.json, signs the resident in (Cognito managed login in AWS, the
 * local stack's sign-in page locally), starts the outbox of receipts waiting in the phone, then
 * shows the app. A service worker keeps the app shell, so the app opens with no network. The
 * start itself is shared with the staff console (web/shared/boot.tsx).
 */
import 'leaflet/dist/leaflet.css';
import '../shared/styles/base.css';
import './app.css';
import { bootApp, type BootWords } from '../shared/boot';
import { setBase } from '../shared/router';
import { ResidentApp } from './app';
import { Outbox } from './outbox';

const BASE = '/';
setBase(BASE);

const WORDS: BootWords = {
  brand: (city) => (
    <>
      Cabas {city}
      <small>Espace habitant</small>
    </>
  ),
  documentTitle: (title, city) => `${title} — Cabas ${city}`,
  cannotStart: 'L’application ne peut pas démarrer',
  configAdvice: 'Vérifiez votre connexion, puis rechargez la page.',
  signedOut: 'Votre session est fermée. Vos tickets en attente d’envoi restent dans ce téléphone.',
  signInAgain: 'Se connecter',
};

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works the same, online only.
    });
  });
}

void bootApp({
  root: document.getElementById('app')!,
  base: BASE,
  app: 'app',
  words: WORDS,
  open: ({ config, api, auth, session }) => {
    const outbox = new Outbox(api, session.sub);
    outbox.start();
    return <ResidentApp config={config} api={api} auth={auth} session={session} outbox={outbox} />;
  },
});
