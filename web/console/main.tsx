/**
 * The city staff's console: reads config.json, signs the agent in (Cognito managed login in AWS,
 * the local stack's sign-in page locally), then shows the console. Only the `admin` group gets in.
 * The start itself is shared with the residents' app (web/shared/boot.tsx).
 */
import 'leaflet/dist/leaflet.css';
import '../shared/styles/base.css';
import './console.css';
import { bootApp, type BootWords } from '../shared/boot';
import { setBase } from '../shared/router';
import { ConsoleApp } from './app';

const BASE = '/console/';
setBase(BASE);

const WORDS: BootWords = {
  brand: (city) => (
    <>
      Cabas — {city || 'Cabas'}
      <small>Console des agents</small>
    </>
  ),
  documentTitle: (title, city) => `${title} — Console des agents — ${city || 'Cabas'}`,
  loading: 'Chargement de la console des agents…',
  cannotStart: 'La console ne peut pas démarrer',
  configAdvice: 'Prévenez l’équipe qui l’exploite.',
  signedOut: 'Votre session de la console des agents est fermée.',
  signInAgain: 'Se reconnecter',
  forbidden: {
    title: 'Accès réservé aux agents de la ville',
    body: (name) => (
      <p>
        Le compte <strong>{name}</strong> n’appartient pas au groupe des agents (« admin ») : il ne peut pas utiliser la console. Demandez à un administrateur de la ville de vous y ajouter, puis
        reconnectez-vous.
      </p>
    ),
  },
};

void bootApp({
  root: document.getElementById('app')!,
  base: BASE,
  app: 'console',
  requiredGroup: 'admin',
  words: WORDS,
  open: ({ config, api, auth, session }) => <ConsoleApp config={config} api={api} auth={auth} session={session} />,
});
