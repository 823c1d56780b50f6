/**
 * JavaScript values to DynamoDB attribute values and back, as the functions store them: strings,
 * numbers (exact: a number beyond 2^53 is refused, never rounded), booleans, null, arrays, plain
 * objects, byte arrays, and sets of strings, numbers or bytes. `undefined` is left out of objects
 * and arrays; anything else (a Date, a class instance, NaN, an empty set) is refused with a
 * TypeError naming the path, so that a bug cannot store a half-written item. The same choices as the
 * AWS SDK's document client with `removeUndefinedValues`, which the functions used before
 * (test/unit/adapters/table-client.test.ts compares the two).
 */

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { B: string }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type Item = Record<string, unknown>;
export type AttributeMap = Record<string, AttributeValue>;

function numberToAttr(n: number | bigint, path: string): { N: string } {
  if (typeof n === 'number') {
    if (!Number.isFinite(n)) throw new TypeError(`${path}: ${n} cannot be stored`);
    if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new TypeError(`${path}: ${n} is beyond 2^53 and would lose digits`);
  }
  return { N: String(n) };
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function toAttribute(value: unknown, path = 'value'): AttributeValue | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
    case 'bigint':
      return numberToAttr(value, path);
    case 'object': {
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) {
        const list: AttributeValue[] = [];
        value.forEach((v, i) => {
          const a = toAttribute(v, `${path}[${i}]`);
          if (a) list.push(a);
        });
        return { L: list };
      }
      if (value instanceof Uint8Array) return { B: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
      if (value instanceof Set) return setToAttr(value, path);
      if (isPlainObject(value)) return { M: toAttributeMap(value as Item, path) };
      throw new TypeError(`${path}: a ${value.constructor?.name ?? 'non-plain object'} cannot be stored (plain objects only)`);
    }
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be stored`);
  }
}

function setToAttr(set: Set<unknown>, path: string): AttributeValue {
  const values = [...set].filter((v) => v !== undefined);
  if (values.length === 0) throw new TypeError(`${path}: an empty set cannot be stored`);
  if (values.every((v) => typeof v === 'string')) return { SS: values as string[] };
  if (values.every((v) => typeof v === 'number' || typeof v === 'bigint')) return { NS: values.map((v) => numberToAttr(v as number, path).N) };
  if (values.every((v) => v instanceof Uint8Array)) return { BS: values.map((v) => Buffer.from(v as Uint8Array).toString('base64')) };
  throw new TypeError(`${path}: a set must hold only strings, only numbers or only bytes`);
}

export function toAttributeMap(item: Item, path = 'item'): AttributeMap {
  const out: AttributeMap = {};
  for (const [k, v] of Object.entries(item)) {
    const a = toAttribute(v, `${path}.${k}`);
    if (a) out[k] = a;
  }
  return out;
}

function parseNumber(s: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) throw new RangeError(`The stored number ${s} does not fit a JavaScript number`);
  return n;
}

export function fromAttribute(a: AttributeValue): unknown {
  if ('S' in a) return a.S;
  if ('N' in a) return parseNumber(a.N);
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('M' in a) return fromAttributeMap(a.M);
  if ('L' in a) return a.L.map(fromAttribute);
  if ('SS' in a) return new Set(a.SS);
  if ('NS' in a) return new Set(a.NS.map(parseNumber));
  if ('B' in a) return new Uint8Array(Buffer.from(a.B, 'base64'));
  if ('BS' in a) return new Set(a.BS.map((b) => new Uint8Array(Buffer.from(b, 'base64'))));
  throw new TypeError(`An attribute of an unknown type: ${Object.keys(a).join(',')}`);
}

export function fromAttributeMap(map: AttributeMap): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(map)) out[k] = fromAttribute(v);
  return out;
}
