// Record keys for app.bsky.feed.post must be TIDs: 13 characters of base32-sortable
// (`234567abcdefghijklmnopqrstuvwxyz`) encoding a 64-bit integer whose top bit is 0, then 53 bits of
// microseconds since the Unix epoch, then a 10-bit clock id (atproto.com/specs/tid).
import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const TID_RE = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const UUID_V7_RE = /([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/i;

/** Whether `value` has TID syntax. */
export function isValidTid(value: string): boolean {
  return TID_RE.test(value);
}

function encode(value: bigint): string {
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** The timestamp a TID encodes, in epoch microseconds. */
export function tidTimestampMicros(tid: string): bigint {
  let value = 0n;
  for (const ch of tid) value = (value << 5n) | BigInt(S32.indexOf(ch));
  return value >> 10n;
}

/**
 * A TID derived only from the idempotency key, so every attempt of one publication writes the same
 * record key and the PDS cannot hold two posts for it.
 *
 * The timestamp part comes from a UUIDv7 inside the key when there is one (DiploDesk ids are
 * UUIDv7, so the key then sorts near the publication's creation), plus hash-derived microseconds;
 * otherwise from the hash alone. The clock id is hash-derived either way.
 *
 * @example
 * tidFromKey('019a4c1e-8d2b-7c3a-9f10-2b3c4d5e6f70:bluesky') // same 13-character TID on every call
 */
export function tidFromKey(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const hash = digest.readBigUInt64BE(0);
  const clockId = hash & 0x3ffn;
  const uuid = UUID_V7_RE.exec(idempotencyKey);
  let micros: bigint;
  if (uuid) {
    const ms = BigInt(`0x${uuid[1]}${uuid[2]}`);
    micros = ms * 1000n + ((hash >> 10n) % 1000n);
  } else {
    micros = (hash >> 10n) & ((1n << 53n) - 1n);
  }
  return encode((micros << 10n) | clockId);
}
