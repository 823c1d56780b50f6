import { useState } from 'preact/hooks';
import { ApiError } from '../../shared/api';
import { useAction, useAsync } from '../../shared/hooks';
import { ErrorBox, ErrorSummary, Loading, TextField } from '../../shared/ui';
import { useApp, usePageTitle } from '../context';

const JOIN_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;

const REFUSALS: Record<string, string> = {
  HOUSEHOLD_NOT_FOUND: 'Aucun foyer n’a ce code : vérifiez-le auprès de la personne qui vous l’a donné.',
  HOUSEHOLD_FULL: 'Ce foyer est complet.',
  HOUSEHOLD_ALREADY_SET: 'Vous faites déjà partie d’un foyer.',
  HOUSEHOLD_LOCKED: 'Le foyer ne peut plus changer pendant l’opération en cours.',
};

export function HouseholdPage() {
  usePageTitle('Foyer');
  const { api, announce } = useApp();
  const household = useAsync(() => api.call('get', '/v1/me/household'), []);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const create = useAction(async () => {
    household.set(await api.call('post', '/v1/me/household'));
    announce('Foyer créé.');
  });
  const join = useAction(async (joinCode: string) => {
    household.set(await api.call('post', '/v1/me/household/join', { body: { joinCode } }));
    announce('Vous avez rejoint le foyer.');
  });
  const cleaned = code.replace(/\s/g, '').toUpperCase();
  const codeError = submitted && !JOIN_CODE.test(cleaned) ? 'Le code d’un foyer compte 10 lettres et chiffres (sans I, L, O, 0 ni 1).' : join.error instanceof ApiError ? REFUSALS[join.error.code] : undefined;
  const h = household.data;
  return (
    <>
      <h1 tabIndex={-1}>Foyer</h1>
      <p class="lead">Quand une opération est plafonnée par foyer, les personnes d’un même foyer partagent ce plafond.</p>
      {household.error ? <ErrorBox error={household.error} /> : null}
      {household.loading && !h ? <Loading /> : null}
      {h && h.householdId ? (
        <div class="card" data-testid="household">
          <p>
            Votre foyer compte <strong>{h.memberCount}</strong> personne{h.memberCount > 1 ? 's' : ''} (au plus {h.maxMembers}).
          </p>
          {h.joinCode ? (
            <>
              <p>Pour qu’une autre personne de votre foyer le rejoigne, donnez-lui ce code :</p>
              <p class="join-code" data-testid="join-code" aria-label={`Code du foyer : ${h.joinCode.split('').join(' ')}`}>
                {h.joinCode}
              </p>
              {'share' in navigator ? (
                <button type="button" class="button button--secondary" onClick={() => void navigator.share({ text: `Code de notre foyer sur Cabas : ${h.joinCode}` }).catch(() => undefined)}>
                  Partager le code
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      {h && !h.householdId ? (
        <>
          <section class="card" aria-labelledby="creer-titre">
            <h2 id="creer-titre">Créer votre foyer</h2>
            <p>Vous recevrez un code à donner aux autres personnes de votre foyer.</p>
            <ErrorBox error={create.error instanceof ApiError && REFUSALS[create.error.code] ? new Error(REFUSALS[create.error.code]) : create.error} />
            <button type="button" class="button" onClick={() => void create.run()} disabled={create.pending}>
              Créer un foyer
            </button>
          </section>
          <section class="card" aria-labelledby="rejoindre-titre">
            <h2 id="rejoindre-titre">Rejoindre un foyer</h2>
            <form
              novalidate
              onSubmit={(e) => {
                e.preventDefault();
                setSubmitted(true);
                if (JOIN_CODE.test(cleaned)) {
                  void join.run(cleaned);
                }
              }}
            >
              {submitted && codeError ? <ErrorSummary items={[{ field: 'code-foyer', message: codeError }]} /> : null}
              <TextField id="code-foyer" label="Code du foyer" hint="10 caractères, donnés par une personne du foyer." value={code} onInput={setCode} error={codeError} inputProps={{ autoComplete: 'off', spellcheck: false, maxLength: 14 }} />
              {join.error && !codeError ? <ErrorBox error={join.error} /> : null}
              <button type="submit" class="button button--secondary" disabled={join.pending}>
                Rejoindre
              </button>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
}
