import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON text of a value: same input, same bytes, in any runtime. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}
