/**
 * The campaign form's fields of a free parking campaign (`kind: PARKING`): the most a parking ticket
 * is refunded, the car parks taking part (registered places by tag, operators by name) and how long a
 * ticket waits for its purchase after the day ends. The qualifying purchase's minimum is the form's
 * "Achat minimum".
 */
import type { ComponentChildren } from 'preact';
import { TextField } from '../../shared/ui';
import type { FormState } from './campaign-form-state';

export function ParkingFields({ f, set, err }: { f: FormState; set: (patch: Partial<FormState>) => void; err: (id: string) => ComponentChildren }) {
  return (
    <fieldset>
      <legend>Stationnement offert</legend>
      <p>
        Un ticket de parking ou d’horodateur est remboursé quand l’habitant a, le même jour, un achat remboursé chez un commerçant participant (du montant de « Achat minimum » au
        moins). Un achat valide un seul ticket.
      </p>
      <div class="form-row">
        <TextField id="c-refund-max" label="Remboursement maximum par ticket (€)" value={f.refundMax} onInput={(v) => set({ refundMax: v })} error={err('c-refund-max')} required inputProps={{ inputMode: 'decimal' }} class="field--short" />
        <TextField
          id="c-wait"
          label="Attente d’un achat après la fin de la journée (heures)"
          hint="Facultatif, de 0 à 72 ; 6 par défaut."
          value={f.decideWithinHours}
          onInput={(v) => set({ decideWithinHours: v })}
          error={err('c-wait')}
          inputProps={{ inputMode: 'numeric' }}
          class="field--short"
        />
      </div>
      <TextField
        id="c-carpark-operators"
        label="Exploitants participants"
        hint="Tels qu’imprimés sur les tickets, séparés par des virgules : par exemple Indigo, Ville de Montclair (horodateurs de la ville)."
        value={f.carParkOperators}
        onInput={(v) => set({ carParkOperators: v })}
        error={err('c-carpark-operators')}
      />
      <TextField
        id="c-carpark-tags"
        label="Parkings enregistrés portant une étiquette"
        hint="Facultatif, séparées par des virgules : par exemple parking."
        value={f.carParkTags}
        onInput={(v) => set({ carParkTags: v })}
        error={err('c-carpark-tags')}
      />
    </fieldset>
  );
}
