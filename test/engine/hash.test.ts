import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { buildRecord, recordHash } from '../../src/engine/engine';
import { GENESIS_HASH } from '../../src/storage/records';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  canonicalJson,
  fastHashing,
  hashesWithWasm,
  inCanonicalOrder,
  sameJson,
  sha256Hex,
} from '../../src/engine/hash';
import { reverseKeys } from '../support/json';

/**
 * canonicalJson as it was before it was written out by hand, kept as the reference: stored
 * record hashes were computed with it, so the new one must give the same bytes.
 */
function previousCanonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key: string, item: unknown): unknown => {
      if (typeof item === 'number' && !Number.isFinite(item))
        throw new TypeError('non-finite number');
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
      const source = item as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(source).sort()) sorted[key] = source[key];
      return sorted;
    }) ?? 'null'
  );
}

/** sha256Hex as it was before it reused one buffer for the UTF-8 bytes. */
function previousSha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Any UTF-16 code unit, so strings can hold controls, quotes and lone surrogates. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Keys that sort awkwardly or name things objects inherit, besides arbitrary unicode ones. */
const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: codeUnit, maxLength: 4 }),
  fc.constantFrom(
    ...['__proto__', 'constructor', 'toString', 'toJSON', 'hasOwnProperty', 'length', ''],
    ...['0', '1', '2', '10', '01', '-1', '1.5', '1e3', '4294967294', '4294967295', '2e32'],
    ...['9007199254740993', 'a', 'B', '_', 'é', 'e\u0301', '中文', '😀', '\ud800', '"', '\\'],
  ),
);

/** Numbers whose JSON spelling is easy to get wrong. */
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, -1e300),
);

/** JSON values as JSON.parse gives them: objects of any keys, lists, and every kind of leaf. */
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    number,
    fc.string({ unit: codeUnit }),
    fc.array(tie('json'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(key, tie('json')), { selector: ([k]) => k, maxLength: 6 })
      .map((entries) => Object.fromEntries(entries)),
  ),
}));

/** Values our own code builds: also undefined, holes in lists, and Dates (written by toJSON). */
const { built } = fc.letrec<{ built: unknown }>((tie) => ({
  built: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, undefined),
    number,
    fc.string({ unit: codeUnit }),
    fc.date(),
    fc.sparseArray(tie('built'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(key, tie('built')), { selector: ([k]) => k, maxLength: 6 })
      .map((entries) => Object.fromEntries(entries)),
  ),
}));

describe('canonicalJson', () => {
  it('writes the same bytes as the previous serializer, for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(previousCanonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes values already in canonical order through JSON.stringify, the same bytes', () => {
    fc.assert(
      fc.property(json, (value) => {
        // What buildRecord stores: the value read back from its canonical JSON.
        const ordered: unknown = JSON.parse(canonicalJson(value));
        expect(inCanonicalOrder(ordered)).toBe(true);
        expect(canonicalJson(ordered)).toBe(previousCanonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a built record the hash its fields give, for any payload', () => {
    fc.assert(
      fc.property(json, fc.string(), fc.nat(), (payload, id, seq) => {
        const record = buildRecord({
          id,
          runId: 'run-1',
          seq,
          type: 'risk.raise',
          actorId: 'p-lead',
          at: '2026-11-27T09:00:00.000Z',
          payload,
          prevHash: GENESIS_HASH,
        });
        expect(record.hash).toBe(recordHash(record));
        expect(canonicalJson(record.payload)).toBe(canonicalJson(payload));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves to its own writer what JSON.stringify would write otherwise', () => {
    expect(inCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(inCanonicalOrder({ a: [{ d: 1, c: 2 }] })).toBe(false);
    expect(inCanonicalOrder({ 10: 'x', 2: 'y', a: 1 })).toBe(true);
    expect(inCanonicalOrder(JSON.parse('{"__proto__":1}'))).toBe(false);
    expect(inCanonicalOrder({ at: new Date(0) })).toBe(false);
    expect(inCanonicalOrder({ n: Number.NaN })).toBe(false);
    expect(inCanonicalOrder([1, Infinity])).toBe(false);
    // Boxed values, which JSON.stringify unboxes, and class instances.
    for (const boxed of [new Number(5), new String('ab'), new Boolean(false)]) {
      expect(inCanonicalOrder({ a: boxed })).toBe(false);
      expect(canonicalJson({ a: boxed })).toBe(previousCanonicalJson({ a: boxed }));
    }
    expect(inCanonicalOrder(new (class {})())).toBe(false);
    expect(inCanonicalOrder(Object.create(null))).toBe(true);
  });

  it('writes what is nested deeper than JSON.stringify goes with its own writer', () => {
    // JSON.stringify gives up thousands of levels down (~4,100 here), sooner than the writer.
    const tooDeep = vi.spyOn(JSON, 'stringify').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    try {
      expect(canonicalJson({ a: [[1]], b: 'x' })).toBe('{"a":[[1]],"b":"x"}');
      expect(tooDeep).toHaveBeenCalled();
    } finally {
      tooDeep.mockRestore();
    }
  });

  it('writes the same bytes as the previous serializer for text read back by JSON.parse', () => {
    // JSON.parse makes `__proto__` an own key, as an imported file would.
    fc.assert(
      fc.property(json, (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(parsed)).toBe(previousCanonicalJson(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same bytes as the previous serializer for values with undefined, holes and Dates', () => {
    fc.assert(
      fc.property(built, (value) => {
        expect(canonicalJson(value)).toBe(previousCanonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts keys at every level, with index-like keys first in numeric order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }], 10: 'x', 2: 'y' })).toBe(
      '{"2":"y","10":"x","a":[{"c":2,"d":1}],"b":1}',
    );
  });

  it('leaves out a __proto__ key, as the previous serializer did (stored hashes depend on it)', () => {
    expect(canonicalJson(JSON.parse('{"z":0,"__proto__":{"x":1},"a":[{"__proto__":2}]}'))).toBe(
      '{"a":[{}],"z":0}',
    );
  });

  it('drops undefined from objects, writes it as null in lists, and as null on its own', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: Symbol('c') })).toBe(
      '{"b":[null,null]}',
    );
    expect(canonicalJson(undefined)).toBe('null');
    const holey: unknown[] = [];
    holey[1] = 1;
    expect(canonicalJson(holey)).toBe('[null,1]');
  });

  it('writes what toJSON returns, given the key it is written under', () => {
    const keys: string[] = [];
    const probe = {
      toJSON(k: string) {
        keys.push(k);
        return { z: 1, y: 2 };
      },
    };
    expect(canonicalJson({ at: new Date(0), p: probe, l: [probe] })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","l":[{"y":2,"z":1}],"p":{"y":2,"z":1}}',
    );
    expect(keys).toEqual(['0', 'p']);
    expect(canonicalJson(probe)).toBe('{"y":2,"z":1}');
  });

  it('refuses numbers JSON cannot hold, wherever they are', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      for (const value of [bad, { a: { b: bad } }, [1, [bad]]]) {
        expect(() => canonicalJson(value)).toThrow(new TypeError('non-finite number'));
        expect(() => previousCanonicalJson(value)).toThrow(new TypeError('non-finite number'));
      }
    }
  });

  it('refuses a bigint, as JSON.stringify does', () => {
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

describe('sha256Hex', () => {
  beforeAll(async () => {
    await fastHashing;
  });

  it('hashes with WebAssembly once it is compiled', () => {
    expect(hashesWithWasm()).toBe(true);
  });

  it('gives the same digest as hashing freshly encoded UTF-8 with noble, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(previousSha256Hex(text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same digest for strings too long for its buffer, and for short ones after them', () => {
    // 40,000 'é' fit the buffer as characters but not as bytes; 70,000 'a' fit neither.
    for (const text of ['é'.repeat(40_000), 'a'.repeat(70_000), 'abc', '', '\ud83d'])
      expect(sha256Hex(text)).toBe(previousSha256Hex(text));
  });
});

describe('sameJson', () => {
  it('agrees with comparing canonical JSON, for any two JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 500 },
    );
  });

  it('finds a value equal to itself with its keys in another order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        expect(sameJson(a, reverseKeys(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('treats keys holding undefined as absent, as JSON does', () => {
    expect(sameJson({ a: 1, output: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, error: undefined })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: null })).toBe(false);
  });

  it('tells a list from an object with the same entries, and a changed item anywhere', () => {
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ s: [{ x: 'a' }] }, { s: [{ x: 'b' }] })).toBe(false);
    expect(sameJson({ s: [1, 2] }, { s: [1, 2, 3] })).toBe(false);
  });
});
