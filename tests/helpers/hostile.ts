/**
 * fast-check arbitraries for hostile input: injection payloads, confusable and oversized text,
 * values of the wrong JSON type, and malformed ids, cursors, dates and page sizes. Each mixes
 * plausible values in, so generated requests also get past the shallow checks.
 */
import fc from 'fast-check';

const HUGE = 'A'.repeat(20_000);

export const PAYLOADS = [
  "' OR '1'='1", "'; DROP TABLE users; --", 'admin@example.com\'--', '"><script>alert(1)</script>', '${7*7}{{7*7}}',
  '\u0000', 'a\u0000b@example.com', '\u202eevil', '\u200b', '\r\n\t', '\uFEFF', '%00', '../../etc/passwd',
  'аdmin@example.com', 'admin@exаmple.com', 'ＡＤＭＩＮ@example.com', 'admin@example.com\u200b', 'ADMİN@example.com',
  '\uD800', '\uDFFF', '😀'.repeat(50), HUGE, '', ' ', '@', 'a@b', `${'a'.repeat(64)}@${'b'.repeat(250)}.com`,
];

/** A value computed when the property runs (after beforeAll), e.g. a real id. */
export const late = <T>(get: () => T): fc.Arbitrary<T> => fc.constant(null).map(get);

/** Hostile text: payloads, random Unicode (lone surrogates included), control characters, long strings. */
const payload = fc.constantFrom(...PAYLOADS);
export const text = fc.oneof(
  { weight: 3, arbitrary: payload },
  // A payload spliced into an otherwise plausible value, so it gets past the shallow checks.
  { weight: 3, arbitrary: fc.tuple(fc.emailAddress(), payload, fc.nat()).map(([e, p, at]) => e.slice(0, at % (e.length + 1)) + p + e.slice(at % (e.length + 1))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x00-\x1f\x7f]{1,10}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.emailAddress() },
);
/** A value of any JSON type where a string is expected. */
export const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
export const textOrWrong = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: wrongType });
/** Printable ASCII only: fetch itself refuses control characters in headers. */
export const bearer = fc.oneof(fc.stringMatching(/^[!-~]{1,300}$/), fc.constantFrom('a.b.c', 'eyJhbGciOiJub25lIn0.e30.', 'null'));

/** Ids that are not, almost, or spelled-differently UUIDs, and unknown real UUIDs. */
export const hostileId = fc.oneof(
  { weight: 2, arbitrary: textOrWrong },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF', '{00000000-0000-4000-8000-000000000000}',
      '00000000000040008000000000000000', '00000000-0000-4000-8000-00000000000g', '00000000-0000-4000-8000-0000000000001',
      " 00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000000' OR '1'='1",
    ),
  },
);

/** Page sizes: in and out of 1..100, beyond 32 bits, fractions, wrong types, null. */
export const pageSize = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 130 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 101, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1e100) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: wrongType },
);

/** Instants: ordinary and extreme ISO strings, impossible dates, and junk. */
export const dateTime = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0000-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00+14:00',
      '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01', 'now', 'infinity', '-infinity', 'epoch',
    ),
  },
  { weight: 1, arbitrary: textOrWrong },
);

/** Mostly one of the allowed values, sometimes anything. */
export const enumOrHostile = (...values: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: textOrWrong });
/** Mostly a value of the right GraphQL type, so that most requests get past variable coercion. */
export const mostlyTyped = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: wrongType });

/** A real cursor or secret, tampered with (never equal to it): one character changed, truncated, extended or re-signed by guess. */
export function tampered(cursor: fc.Arbitrary<string | null>): fc.Arbitrary<string> {
  return fc.tuple(cursor, fc.nat(), fc.nat(3), fc.constantFrom('A', '-', '_', '.', '=', '%', '\u00e9')).map(([real, at, kind, ch]) => {
    const value = real ?? '';
    const i = at % (value.length + 1);
    const variants = [value.slice(0, i) + ch + value.slice(i + 1), value.slice(0, i), value + ch, `${Buffer.from('["x",1]').toString('base64url')}.${value.split('.')[1] ?? ''}`];
    return [value, variants[kind]!] as const;
  })
    // Replacing a character by itself is no tampering.
    .filter(([value, changed]) => changed !== value)
    .map(([, changed]) => changed);
}
