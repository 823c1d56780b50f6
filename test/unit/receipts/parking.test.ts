import { describe, expect, it } from 'vitest';
import { durationOf } from '../../../shared/receipts/parser/parking-times';
import type { ExtractionParking } from '../../../shared/receipts/extraction';
import { contentLines, receiptContent } from '../../fixtures/corpus/content';
import { parkingContent, parkingLines } from '../../fixtures/corpus/parking';
import { parse } from '../../support/parse-receipt';

// Parking tickets (shared/receipts/parser/parking.ts): tickets written by hand in many layouts,
// then documents that are not tickets (fines, shops' receipts that mention parking).

interface Case {
  name: string;
  lines: string[];
  want: Partial<ExtractionParking> & { kind: ExtractionParking['kind'] };
  /** The purchase date the extraction must carry: the day it was paid. */
  date: string;
}

const TICKETS: Case[] = [
  {
    name: 'a car park overnight, dates on entry and exit, VAT and card',
    lines: ['INDIGO', 'PARKING HOTEL DE VILLE', '2 place de la Mairie', '37410 MONTCLAIR', 'Entrée : 12/03/2026 22:10', 'Sortie : 13/03/2026 08:25', 'Durée : 10h15', 'Montant TTC  8,40 €', 'dont TVA 20%  1,40', 'CB SANS CONTACT  8,40'],
    want: { kind: 'CAR_PARK', operator: 'Indigo', entryAt: '2026-03-12T22:10', exitAt: '2026-03-13T08:25', durationMinutes: 615, amountCents: 840 },
    date: '2026-03-13',
  },
  {
    name: 'arrival and departure as times only, the date on its own line',
    lines: ['Q-PARK', 'Parc Gare Sud', 'Date : 04/11/2025', 'Arrivée  08:42', 'Départ  11:57', 'Durée 3 h 15 min', 'A PAYER  6,20 €'],
    want: { kind: 'CAR_PARK', operator: 'Q-Park', entryAt: '2025-11-04T08:42', exitAt: '2025-11-04T11:57', durationMinutes: 195, amountCents: 620 },
    date: '2025-11-04',
  },
  {
    name: 'labels alone, the date and time on the next line',
    lines: ['EFFIA', 'Parking de la Gare', 'RECU', 'DATE ENTREE', '02-01-26  17:05:44', 'DATE SORTIE', '02-01-26  19:31:02', '--------------------', 'TOTAL TTC', '5,40 EUR', 'TOTAL HT 4,50', 'TVA 20% 0,90'],
    want: { kind: 'CAR_PARK', operator: 'Effia', entryAt: '2026-01-02T17:05', exitAt: '2026-01-02T19:31', durationMinutes: 146, amountCents: 540 },
    date: '2026-01-02',
  },
  {
    name: 'several days, the duration in days',
    lines: ['Parc de stationnement municipal', 'Caisse automatique n° 2', 'Entrée 10/03/2026 07:55', 'Sortie 13/03/2026 18:20', 'Durée 3j 10h25', 'Montant réglé : 54,00 €', 'Espèces 60,00', 'Rendu 6,00'],
    want: { kind: 'CAR_PARK', operator: 'Parc de stationnement municipal', entryAt: '2026-03-10T07:55', exitAt: '2026-03-13T18:20', durationMinutes: 4945, amountCents: 5400 },
    date: '2026-03-13',
  },
  {
    name: 'a free short stay',
    lines: ['SAEMES', 'PARKING DES HALLES', 'Le 21.06.2025', 'ENTREE 14:02', 'SORTIE 14:19', 'Franchise 30 min', 'Montant : 0,00 €'],
    want: { kind: 'CAR_PARK', operator: 'Saemes', entryAt: '2025-06-21T14:02', exitAt: '2025-06-21T14:19', durationMinutes: 17, amountCents: 0 },
    date: '2025-06-21',
  },
  {
    name: 'a pay station: entry, payment, and the deadline to leave (no exit)',
    lines: ['Interparking', 'Parking Saint-Michel', 'Borne de paiement N°3', "Heure d'entrée : 09:12", 'Paiement le 12/03/2026 à 12:40', 'Sortie avant 12:55', 'Tarif horaire 2,40 €/h', 'Montant réglé  7,50 EUR'],
    want: { kind: 'CAR_PARK', operator: 'Interparking', entryAt: '2026-03-12T09:12', amountCents: 750 },
    date: '2026-03-12',
  },
  {
    name: 'entry and exit on one row, seconds, two-digit years',
    lines: ['INTERPARKING FRANCE', 'ENTREE 12.03.26 08:01:33  SORTIE 12.03.26 09:15:10', 'PAYE  3,10'],
    want: { kind: 'CAR_PARK', operator: 'Interparking', entryAt: '2026-03-12T08:01', exitAt: '2026-03-12T09:15', durationMinutes: 74, amountCents: 310 },
    date: '2026-03-12',
  },
  {
    name: 'on the street: a pay machine, a zone, start and end, a plate, the FPS it warns of',
    lines: ['VILLE DE MONTCLAIR', 'Stationnement payant', 'Horodateur n° 12345', 'Zone rouge', 'Début 12/03/2026 14:05', 'Fin 12/03/2026 16:05', 'Plaque : AB-123-CD', 'Montant  3,60 €', 'FPS : 35,00 €', 'A placer derrière le pare-brise'],
    want: { kind: 'ON_STREET', entryAt: '2026-03-12T14:05', exitAt: '2026-03-12T16:05', durationMinutes: 120, amountCents: 360, zone: 'ROUGE' },
    date: '2026-03-12',
  },
  {
    name: 'on the street: issued at, valid until',
    lines: ['PARCMETRE N° 12', 'Ticket émis le 07/06/2026 à 14:35', "Valable jusqu'au 07/06/2026 à 16:05", 'Total 2,00 EUR', 'Ticket à placer de façon visible'],
    want: { kind: 'ON_STREET', entryAt: '2026-06-07T14:35', exitAt: '2026-06-07T16:05', durationMinutes: 90, amountCents: 200 },
    date: '2026-06-07',
  },
  {
    name: 'on the street: the start and the paid duration, the end worked out',
    lines: ['Mairie de Lussac', 'Le 12/03/2026', 'Arrivée 14h05', 'Durée payée 1h30', 'Zone verte', 'Prix  1,80€', 'A apposer sur le tableau de bord'],
    want: { kind: 'ON_STREET', entryAt: '2026-03-12T14:05', exitAt: '2026-03-12T15:35', durationMinutes: 90, amountCents: 180, zone: 'VERTE' },
    date: '2026-03-12',
  },
  {
    name: 'on the street after midnight: the end the next day',
    lines: ['FLOWBIRD', 'HORODATEUR 0412', 'ZONE 3', 'Du 31/12/2025 23:30', 'Au 01/01/2026 01:00', 'MONTANT 1,50'],
    want: { kind: 'ON_STREET', operator: 'Flowbird', entryAt: '2025-12-31T23:30', exitAt: '2026-01-01T01:00', durationMinutes: 90, amountCents: 150, zone: '3' },
    date: '2025-12-31',
  },
];

describe('parking tickets', () => {
  it.each(TICKETS)('$name', ({ lines, want, date }) => {
    const e = parse(lines);
    expect(e.parkingFine).toBeUndefined();
    expect(e.parking).toMatchObject(want);
    for (const k of ['entryAt', 'exitAt', 'durationMinutes', 'zone', 'operator'] as const) if (!(k in want)) expect(e.parking?.[k]).toBeUndefined();
    expect(e.purchaseDate?.value).toBe(date);
    expect(e.parking!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('lowers its confidence when the duration printed disagrees with entry and exit (a misread)', () => {
    const good = parse(['INDIGO', 'PARKING DU PORT', 'Entrée 12/03/2026 08:10', 'Sortie 12/03/2026 10:25', 'Durée 2h15', 'Montant 4,50 €']).parking!;
    const bad = parse(['INDIGO', 'PARKING DU PORT', 'Entrée 12/03/2026 08:10', 'Sortie 12/03/2026 10:25', 'Durée 3h15', 'Montant 4,50 €']).parking!;
    expect(bad.confidence).toBeLessThan(good.confidence);
    expect(bad.confidence).toBeLessThan(0.6);
  });

  it('reads no amount from a tariff alone, and says it is unsure', () => {
    const p = parse(['HORODATEUR 0412', 'Début 12/03/2026 14:05', 'Fin 12/03/2026 16:05', 'Tarif horaire 1,20 €/h']).parking!;
    expect(p.kind).toBe('ON_STREET');
    expect(p.amountCents).toBeUndefined();
    expect(p.confidence).toBeLessThan(0.6);
  });
});

describe('durations', () => {
  it.each([
    [': 2h15', 135],
    [' 2 h 15 min', 135],
    [' 02:15', 135],
    [' 02:15:40', 135],
    [' 135 min', 135],
    [' 1j 02h15', 1575],
    [' 0 j 2 h 05 mn', 125],
    [' 3 jours 4h00', 4560],
    [' de stationnem  22 h 46 min', 1366],
    [' 45mn', 45],
    [' illisible', undefined],
    [' 2h75', undefined],
  ])('%s', (text, minutes) => {
    expect(durationOf(text)).toBe(minutes);
  });
});

describe('not parking tickets', () => {
  it('marks a fine notice (forfait post-stationnement) as a fine', () => {
    const e = parse(['VILLE DE MONTCLAIR', 'AVIS DE PAIEMENT', 'FORFAIT POST-STATIONNEMENT', 'Constaté le 12/03/2026 à 15:02', 'Zone rouge', 'Immatriculation AB-123-CD', 'Montant du FPS  35,00 €', 'Montant minoré  25,00 €']);
    expect(e.parking).toBeUndefined();
    expect(e.parkingFine?.value).toBe(true);
  });

  it('marks the receipt of a fine paid at a pay machine as a fine', () => {
    const e = parse(['Mairie de Lussac', 'Horodateur n° 0412', 'Paiement FPS', 'Avis n° 123456789012', '12/03/2026 15:40', 'Montant  35,00 €', 'CB  35,00']);
    expect(e.parking).toBeUndefined();
    expect(e.parkingFine?.value).toBe(true);
  });

  it.each([
    ['a supermarket offering an hour of parking', ['SUPERMARCHE DU CENTRE', '37410 MONTCLAIR', '12/03/2026 10:15', 'LAIT 1L  1,20', 'PAIN  0,90', 'CAFE 250G  3,40', 'TOTAL  5,50', 'CB  5,50', 'PARKING GRATUIT 1H'], 550],
    ['a shop naming a car park operator', ['LIBRAIRIE DES HALLES', '12/03/2026 16:40', 'ROMAN POCHE  7,90', 'CARNET  6,50', 'TOTAL TTC  14,40', 'Parking Indigo : 1h offerte', 'dès 10 € d’achat'], 1440],
    ['a restaurant serving a starter', ['LE BISTROT DU PORT', '12/03/2026 12:30', 'ENTREE DU JOUR  6,50', 'PLAT DU JOUR  14,00', 'DESSERT  5,50', 'TOTAL  26,00', 'Sortie côté parking'], 2600],
    ['a hotel bill with a parking line', ['HOTEL DE LA GARE', 'Arrivée 11/03/2026', 'Départ 12/03/2026', 'NUITEE  89,00', 'PARKING  15,00', 'PETIT DEJEUNER  12,00', 'TOTAL TTC  116,00'], 11600],
  ])('%s', (_, lines, total) => {
    const e = parse(lines);
    expect(e.parking).toBeUndefined();
    expect(e.parkingFine).toBeUndefined();
    expect(e.totalCents?.value).toBe(total);
  });

  it('leaves the generated shops’ receipts alone', () => {
    for (let k = 0; k < 150; k++) {
      const c = receiptContent({ seed: 700_000 + k * 13 });
      const e = parse(contentLines(c));
      expect(e.parking, `seed ${700_000 + k * 13}`).toBeUndefined();
      expect(e.parkingFine).toBeUndefined();
    }
  });
});

describe('the generated parking documents (printed text)', () => {
  // Seeds of their own: the bench draws from others.
  const docs = Array.from({ length: 200 }, (_, k) => parkingContent({ seed: 500_000 + k * 11 }));

  it('are deterministic, of every kind, and print what their truth says', () => {
    expect(parkingContent({ seed: 42 })).toEqual(parkingContent({ seed: 42 }));
    const kinds = new Set(docs.map((d) => d.truth.document));
    expect([...kinds].sort()).toEqual(['CAR_PARK', 'FINE', 'ON_STREET', 'SHOP']);
    for (const doc of docs) {
      const lines = parkingLines(doc);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(doc.columns);
      if (doc.truth.amountCents !== undefined) expect(lines.join('\n')).toContain((doc.truth.amountCents / 100).toFixed(2).replace('.', ','));
    }
  });

  it('are read: kind, amount and day paid of nearly every ticket, fines refused, shops untouched', () => {
    const wrong: string[] = [];
    let tickets = 0;
    for (const doc of docs) {
      const e = parse(parkingLines(doc));
      const t = doc.truth;
      if (t.document === 'FINE') {
        if (!e.parkingFine || e.parking) wrong.push(`fine read as ${e.parking?.kind}`);
      } else if (t.document === 'SHOP') {
        if (e.parking || e.parkingFine) wrong.push('shop read as parking');
      } else {
        tickets++;
        if (e.parking?.kind !== t.document || e.parking.amountCents !== t.amountCents || e.purchaseDate?.value !== t.paidOn) wrong.push(`${t.document} ${JSON.stringify(e.parking)}`);
      }
    }
    expect(tickets).toBeGreaterThan(100);
    // Fines and shops: none wrong; tickets: at most 3 %.
    expect(wrong.filter((w) => !/^(CAR_PARK|ON_STREET)/.test(w))).toEqual([]);
    expect(wrong.length).toBeLessThanOrEqual(Math.floor(tickets * 0.03));
  });
});
