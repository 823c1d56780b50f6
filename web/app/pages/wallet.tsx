import { useState } from 'preact/hooks';
import { ApiError } from '../../shared/api';
import { euros, instant } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link } from '../../shared/router';
import { ErrorBox, ErrorSummary, Loading, Notice, TextField } from '../../shared/ui';
import { useApp, usePageTitle } from '../context';
import { checkIban, groupIban } from '../iban';

const KIND: Record<string, string> = {
  CASHBACK: 'Remise sur un ticket',
  WELCOME_BONUS: 'Bonus de bienvenue',
  REVERSAL: 'Remise annulée',
  PAYOUT: 'Virement vers votre compte',
  PAYOUT_RETURNED: 'Virement revenu (refusé par la banque)',
};

type Transfer = { transferId: string; kind: string; amountCents: number; createdAt: string; receiptId?: string };

function History() {
  const { api } = useApp();
  const [more, setMore] = useState<{ items: Transfer[]; cursor: string | null }>({ items: [], cursor: null });
  const first = useAsync(async () => {
    const page = await api.call('get', '/v1/me/wallet/transfers', { query: { limit: 20 } });
    setMore({ items: [], cursor: page.nextCursor });
    return page.items;
  }, []);
  const next = useAction(async () => {
    const page = await api.call('get', '/v1/me/wallet/transfers', { query: { limit: 20, cursor: more.cursor ?? undefined } });
    setMore({ items: [...more.items, ...page.items], cursor: page.nextCursor });
  });
  if (first.loading && !first.data) return <Loading what="Chargement de l’historique…" />;
  if (first.error) return <ErrorBox error={first.error} title="L’historique n’a pas pu être chargé" />;
  const items = [...(first.data ?? []), ...more.items];
  if (items.length === 0) return <p>Aucun mouvement pour l’instant : vos remises apparaîtront ici.</p>;
  return (
    <>
      <ul class="plain-list history" data-testid="history">
        {items.map((t) => (
          <li key={t.transferId}>
            <span>
              {t.receiptId ? <Link href={`tickets/${t.receiptId}`}>{KIND[t.kind] ?? t.kind}</Link> : (KIND[t.kind] ?? t.kind)}
              <small>{instant(t.createdAt)}</small>
            </span>
            <strong class={t.amountCents >= 0 ? 'amount-plus' : 'amount-minus'}>
              {t.amountCents >= 0 ? '+ ' : '− '}
              {euros(Math.abs(t.amountCents))}
            </strong>
          </li>
        ))}
      </ul>
      <ErrorBox error={next.error} />
      {more.cursor ? (
        <button type="button" class="button button--secondary" onClick={() => void next.run()} disabled={next.pending}>
          Voir les mouvements plus anciens
        </button>
      ) : null}
    </>
  );
}

function PayoutAccount() {
  const { api, announce } = useApp();
  const current = useAsync(async () => {
    try {
      return await api.call('get', '/v1/me/payout-account');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, []);
  const [editing, setEditing] = useState(false);
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);
  const check = checkIban(iban);
  // While typing, the form says what is wrong once there is enough to judge; on submit, always.
  const ibanError = !check.ok && (submitted || (touched && check.complete)) ? check.message : undefined;
  const holderError = submitted && holder.trim() === '' ? 'Saisissez le nom du titulaire du compte, tel qu’il figure sur le RIB.' : undefined;
  const save = useAction(async () => {
    const answer = await api.call('put', '/v1/me/payout-account', { body: { iban: check.ok ? check.iban : iban, holderName: holder.trim() } });
    current.set(answer);
    setEditing(false);
    setSaved(true);
    setIban('');
    setSubmitted(false);
    setTouched(false);
    announce('Compte de versement enregistré.');
  });
  const serverIban = save.error instanceof ApiError && save.error.code === 'INVALID_IBAN' ? 'Le service refuse cet IBAN (clé RIB ou format national incorrect) : vérifiez-le sur votre RIB.' : undefined;

  if (current.loading && current.data === undefined) return <Loading what="Chargement du compte de versement…" />;
  if (current.error) return <ErrorBox error={current.error} title="Le compte de versement n’a pas pu être chargé" />;
  const account = current.data;
  if (account && !editing) {
    return (
      <div class="card" data-testid="payout-account">
        {saved ? <Notice kind="success">Votre compte est enregistré : les prochains virements y seront faits.</Notice> : null}
        <dl class="details">
          <div>
            <dt>IBAN</dt>
            <dd class="iban" data-testid="masked-iban">
              {account.iban}
            </dd>
          </div>
          <div>
            <dt>Titulaire</dt>
            <dd>{account.holderName}</dd>
          </div>
        </dl>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            setHolder(account.holderName);
            setSaved(false);
            setEditing(true);
          }}
        >
          Changer de compte
        </button>
      </div>
    );
  }
  const summary = [
    ...(ibanError || serverIban ? [{ field: 'iban', message: ibanError ?? serverIban }] : []),
    ...(holderError ? [{ field: 'titulaire', message: holderError }] : []),
  ];
  return (
    <form
      class="card"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (!check.ok || holder.trim() === '') return;
        void save.run();
      }}
    >
      {submitted ? <ErrorSummary items={summary} error={save.error && !serverIban ? save.error : undefined} /> : null}
      <p>{account ? 'Saisissez le nouveau compte.' : 'Pour recevoir vos remises par virement, indiquez le compte où les verser.'}</p>
      <TextField
        id="iban"
        label="IBAN"
        hint="Il figure sur votre RIB : FR76 suivi de 23 caractères pour un compte français. Les espaces sont acceptés."
        value={groupIban(iban)}
        onInput={(v) => {
          setIban(v);
          setTouched(true);
        }}
        error={ibanError ?? serverIban}
        required
        inputProps={{ autoComplete: 'off', spellcheck: false, inputMode: 'text' }}
      />
      {check.ok ? (
        <p class="field-ok" role="status">
          IBAN valide (clé de contrôle correcte).
        </p>
      ) : null}
      <TextField id="titulaire" label="Titulaire du compte" value={holder} onInput={setHolder} error={holderError} required inputProps={{ autoComplete: 'name' }} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={save.pending}>
          Enregistrer le compte
        </button>
        {account ? (
          <button type="button" class="button button--secondary" onClick={() => setEditing(false)}>
            Annuler
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function WalletPage() {
  usePageTitle('Portefeuille');
  const { api } = useApp();
  const wallet = useAsync(() => api.call('get', '/v1/me/wallet'), []);
  return (
    <>
      <h1 tabIndex={-1}>Portefeuille</h1>
      {wallet.error ? <ErrorBox error={wallet.error} title="Le portefeuille n’a pas pu être chargé" /> : null}
      {wallet.data ? (
        <div class="card balance" data-testid="wallet">
          <p>
            Solde disponible
            <strong class="big-amount" data-testid="balance">
              {euros(wallet.data.balanceCents)}
            </strong>
          </p>
          <dl class="details">
            <div>
              <dt>Virement en cours</dt>
              <dd>{euros(wallet.data.pendingPayoutCents)}</dd>
            </div>
            <div>
              <dt>Déjà versé sur votre compte</dt>
              <dd>{euros(wallet.data.paidOutCents)}</dd>
            </div>
          </dl>
          <p class="muted">Votre solde vous est versé par virement bancaire lors des versements de la ville, sur le compte indiqué ci-dessous.</p>
        </div>
      ) : (
        !wallet.error && <Loading what="Chargement du portefeuille…" />
      )}
      <h2>Compte de versement</h2>
      <PayoutAccount />
      <h2>Historique</h2>
      <History />
    </>
  );
}
