import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.ts';
import { sha256Hex } from '../../platform/crypto/tokens.ts';
import { type Executor, queryRows } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { loginThrottles } from './identity.tables.ts';

/**
 * Throttling of password and second-factor checks, kept in the database so every instance sees
 * the same counts. Two tiers, both keyed by the typed e-mail address whether or not an account
 * has it, so a throttled unknown address answers exactly like a throttled real account:
 * - one account from one address: a few free attempts, then a delay that doubles up to the lock
 *   time — an attacker's burst locks out only the attacker's own address;
 * - one account from every address: many more free attempts, then a delay that grows slowly and
 *   stays under a minute — slows a guess spread over many addresses, without letting anyone keep
 *   the owner out for long; an address the owner signed in from recently skips this tier.
 * An attempt is claimed (counted) before the password is checked, in one atomic statement, so
 * parallel guesses cannot all slip past the count.
 */
export type ThrottleSettings = Pick<Config, 'loginMaxFailures' | 'loginLockMinutes'>;
type Tier = { free: number; growth: 'double' | 'linear'; stepSeconds: number; capSeconds: number };

const quietResetsAfter = sql`interval '1 day'`;
const knownAddressFor = sql`interval '30 days'`;

function tiersOf(s: ThrottleSettings): { pair: Tier; account: Tier } {
  return {
    pair: { free: s.loginMaxFailures, growth: 'double', stepSeconds: 30, capSeconds: s.loginLockMinutes * 60 },
    account: { free: s.loginMaxFailures * 4, growth: 'linear', stepSeconds: 2, capSeconds: 60 },
  };
}

/** Seconds to wait after the `f`-th counted attempt, as SQL (f is an SQL integer expression). */
function delaySql(t: Tier, f: SQL): SQL {
  const grown = t.growth === 'double' ? sql`${t.stepSeconds}::float8 * power(2, ${f} - ${t.free}::int)` : sql`${t.stepSeconds}::float8 * (${f} - ${t.free}::int + 1)`;
  return sql`(case when ${f} < ${t.free}::int then 0::float8 else least(${t.capSeconds}::float8, ${grown}) end)`;
}

export type ThrottleKeys = { pair: string; account: string; known: string; address: string };

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  const account = email.trim().toLowerCase();
  const address = ip ?? 'unknown';
  return {
    pair: `p:${sha256Hex(`${account}\n${address}`)}`,
    account: `a:${sha256Hex(account)}`,
    known: `k:${sha256Hex(`${account}\n${address}`)}`,
    address: `m:${sha256Hex(address)}`,
  };
}

/** Counts one attempt if the key is not waiting; false when it must wait (nothing counted). */
async function claim(x: Executor, key: string, tier: Tier): Promise<boolean> {
  const next = sql`(case when t.updated_at < now() - ${quietResetsAfter} then 1 else t.failures + 1 end)`;
  const rows = await queryRows<{ failures: number }>(
    x,
    sql`insert into login_throttles as t (key, failures, next_allowed_at, updated_at)
        values (${key}, 1, now() + make_interval(secs => ${delaySql(tier, sql`1`)}), now())
        on conflict (key) do update set failures = ${next}, next_allowed_at = now() + make_interval(secs => ${delaySql(tier, next)}), updated_at = now()
        where t.next_allowed_at <= now()
        returning failures`,
  );
  return rows.length > 0;
}

export type Claim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Claims one password (or code) check for this account from this address. */
export async function claimAttempt(x: Executor, s: ThrottleSettings, keys: ThrottleKeys): Promise<Claim> {
  const tiers = tiersOf(s);
  let allowed = await claim(x, keys.pair, tiers.pair);
  if (allowed) {
    const [known] = await queryRows<{ ok: number }>(x, sql`select 1 as ok from login_throttles where key = ${keys.known} and updated_at > now() - ${knownAddressFor}`);
    if (!known) allowed = await claim(x, keys.account, tiers.account);
  } else {
    // Tries during the wait count too: the delay for this address keeps doubling.
    const grown = delaySql(tiers.pair, sql`(t.failures + 1)`);
    await x.execute(
      sql`update login_throttles as t set failures = t.failures + 1, next_allowed_at = greatest(t.next_allowed_at, now() + make_interval(secs => ${grown})), updated_at = now() where t.key = ${keys.pair}`,
    );
  }
  if (allowed) return { allowed };
  const [wait] = await queryRows<{ seconds: number }>(
    x,
    sql`select ceil(extract(epoch from max(next_allowed_at) - now()))::int as seconds from login_throttles where key in (${keys.pair}, ${keys.account})`,
  );
  return { allowed: false, retryAfterSeconds: Math.max(1, wait?.seconds ?? 1) };
}

/** The check passed: this address starts afresh, the account's shared count too, and the address is remembered. */
export async function clearAttempts(x: Executor, keys: ThrottleKeys): Promise<void> {
  await x.delete(loginThrottles).where(inArray(loginThrottles.key, [keys.pair, keys.account]));
  await x.execute(
    sql`insert into login_throttles (key, failures, next_allowed_at, updated_at) values (${keys.known}, 0, now(), now()) on conflict (key) do update set updated_at = now()`,
  );
  // Old rows are useless after the quiet period; a rare sweep keeps the table small without a job.
  if (Math.random() < 0.02) await x.execute(sql`delete from login_throttles where updated_at < now() - ${knownAddressFor} - interval '1 day' and next_allowed_at < now()`);
}

/**
 * Failures from one address in the current minute, counted in the database. Audit entries for
 * failures are written only when this count is a power of two (1, 2, 4, 8 …): a flood of n tries
 * in a minute leaves about log2(n) + 1 entries, each with the count so far.
 */
export async function countAddressFailure(x: Executor, keys: ThrottleKeys): Promise<{ attemptsThisMinute: number; audit: boolean }> {
  const [row] = await queryRows<{ failures: number }>(
    x,
    sql`insert into login_throttles as t (key, failures, next_allowed_at, updated_at) values (${keys.address}, 1, now(), date_trunc('minute', now()))
        on conflict (key) do update set failures = case when t.updated_at = date_trunc('minute', now()) then t.failures + 1 else 1 end, updated_at = date_trunc('minute', now())
        returning failures`,
  );
  const n = row?.failures ?? 1;
  return { attemptsThisMinute: n, audit: (n & (n - 1)) === 0 };
}

/** The answer to a throttled attempt: the same for every account, known or not. */
export function throttledError(retryAfterSeconds: number): AppError {
  return new AppError('auth.locked', undefined, { retryAfterSeconds, lockedUntil: new Date(Date.now() + retryAfterSeconds * 1000).toISOString() });
}
