import { stringify, type Options } from 'csv-stringify/sync';
import { decimalEuros } from '../domain/money';

/**
 * The one CSV writer of Cabas, on csv-stringify (the writer of the csv-parse family the imports
 * already read with). Every CSV the backend hands out goes through it: the campaign ledger for the
 * accountant (`GET /v1/admin/campaigns/{id}/ledger.csv`) and the payout batch CSV, so both quote,
 * end lines and guard formulas the same way.
 *
 * The format:
 * - RFC 4180: comma separator, CRLF after every record including the last, a field in double
 *   quotes (inner quotes doubled) when it holds a comma, a double quote, a CR or an LF, or a
 *   semicolon (so that a reader splitting on ";", as Excel does in a French locale, keeps the cell
 *   whole); every other field is written bare.
 * - An optional UTF-8 byte order mark (`bom`), for Excel to read accents and bullets as UTF-8.
 * - Cells are typed, and the type decides how a cell is written:
 *   - text (`string`) is written as is, except that a text starting with =, +, -, @, a tab or a
 *     carriage return (or the full-width ＝ ＋ － ＠ that some spreadsheets fold into them) gets a
 *     leading `'` so that a spreadsheet shows it instead of running it as a formula (OWASP "CSV
 *     injection"). The guard applies to text cells only: `-cmd` is written `'-cmd`, and so is a
 *     text that happens to look like a number (`"-5"`);
 *   - money (`euros(cents)`, from integer cents) is written as a number in euros with a dot and
 *     exactly two decimals, a minus sign when negative and no thousands separator: -150 cents is
 *     `-1.50`, 12345 is `123.45`, 5 is `0.05`. Computed from the integer cents by string
 *     arithmetic, never through floating point, and never guarded or quoted;
 *   - a plain `number` (a count) must be a safe integer and is written in decimal (`-3`), never
 *     guarded; a `bigint` likewise. A fractional number throws: money goes through `euros`;
 *   - `null` and `undefined` are an empty field.
 *
 * csv-stringify's own `escape_formulas` option is not used: it decides on the JavaScript type of
 * the raw cell, so a money cell (an object) starting with "-" would be prefixed like text. The
 * guard is done in the text cast instead, where it can only ever see text.
 */

/** A money cell: integer cents written as euros (see the module comment). */
export class EuroAmount {
  readonly cents: number | bigint;
  constructor(cents: number | bigint) {
    if (typeof cents === 'number' && !Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
    this.cents = cents;
  }
  toString(): string {
    return formatEuros(this.cents);
  }
}

/** A money cell from integer cents: `euros(-150)` is written `-1.50`. */
export function euros(cents: number | bigint): EuroAmount {
  return new EuroAmount(cents);
}

export type CsvCell = string | number | bigint | EuroAmount | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (U+FEFF). Default false. */
  bom?: boolean;
}

/** Integer cents as euros, a dot and two decimals, signed (shared/domain/money.ts). */
export const formatEuros = decimalEuros;

/** First characters that make a spreadsheet read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell as written, before quoting: prefixed with ' when it would start a formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const STRINGIFY_OPTIONS: Options = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: 'windows',
  // Without this csv-stringify only quotes the record delimiter itself (CRLF) once one is set,
  // and would leave a lone LF or CR bare.
  quote_record_delimiter: true,
  quoted_match: [';'],
  escape_formulas: false,
  eof: true,
  cast: {
    string: (value) => guardFormula(value),
    number: (value) => {
      if (!Number.isSafeInteger(value)) throw new RangeError(`a number cell must be a safe integer (use euros(cents) for money), got ${value}`);
      return String(value);
    },
    bigint: (value) => value.toString(),
    object: (value) => {
      if (value instanceof EuroAmount) return formatEuros(value.cents);
      throw new TypeError('a CSV cell must be text, a safe integer, euros(cents), null or undefined');
    },
    boolean: () => {
      throw new TypeError('a CSV cell must be text, a safe integer, euros(cents), null or undefined');
    },
    date: () => {
      throw new TypeError('a CSV cell must be text (write dates as ISO 8601 text), a safe integer, euros(cents), null or undefined');
    },
  },
};

/**
 * A whole CSV document: the header, then one record per row, each ended by CRLF. Every row must
 * have as many cells as the header.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const records: CsvCell[][] = [[...header]];
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`a CSV row has ${row.length} cells, the header ${header.length}`);
    }
    records.push([...row]);
  }
  return stringify(records, { ...STRINGIFY_OPTIONS, bom: options.bom ?? false });
}

/** One field exactly as toCsv writes it (guarded, quoted when needed), without a line end. */
export function csvCell(value: CsvCell): string {
  return stringify([[value]], { ...STRINGIFY_OPTIONS, eof: false });
}
