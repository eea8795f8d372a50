// Who holds a lease. A worker writes its instance id into every lease it takes (a job's locked_by,
// an ingest row's claimed_by). The id names the host, the pid and a suffix unique to this start,
// and ends with a key of the process namespace it runs in, so that a worker starting later can
// tell a lease of a process that is provably gone — and take its work at once instead of waiting
// out the lease — from one of a process that may still be running.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Where a pid means the same process: the host name, the kernel's boot (a pid from before a
 * reboot means nothing) and the pid namespace (two containers see different processes under one
 * pid). Off Linux the boot is the boot time to the minute; a rounding difference only means a
 * lease is not taken early.
 */
function namespaceKey(): string {
  let boot: string;
  let pidNamespace = '';
  try {
    boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    pidNamespace = fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    boot = String(Math.round((Date.now() / 1000 - os.uptime()) / 60));
  }
  return createHash('sha256').update(`${os.hostname()}\n${boot}\n${pidNamespace}`).digest('hex').slice(0, 10);
}

let ownKey: string | undefined;
function key(): string {
  ownKey ??= namespaceKey();
  return ownKey;
}

const idPattern = /-(\d+)-[0-9a-f]{6}-h([0-9a-f]{10})$/;

// The ids this process gave out, on the global object so that a second copy of this module (a test
// runner's separate module graph) sees them too.
const shared = globalThis as { [k: symbol]: Set<string> | undefined };
const ownIdsKey = Symbol.for('diplodesk.instance-ids');
const ownIds: Set<string> = shared[ownIdsKey] ?? new Set();
shared[ownIdsKey] = ownIds;

/**
 * A new instance id for a runtime (or a worker) starting in this process: unique per call, so
 * a restarted worker is never mistaken for the one that died.
 * @example newInstanceId() // 'app-1-41234-9f3c2a-h5d0c1e9b7a'
 */
export function newInstanceId(): string {
  const id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}-h${key()}`;
  ownIds.add(id);
  return id;
}

/** Whether a process with this pid exists here (one of another user counts: it exists). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that took a lease under `ownerId` is provably gone, so its lease may be
 * taken over now: in this host's pid namespace its pid is gone, or is this process's own (the pid
 * was given again, so its first holder ended); or — `exclusiveDatabase`: the embedded database,
 * which one process at a time may open (its data directory is locked) — it is any other process.
 * Never an id of this process (another runtime in it may hold the lease), never an id that does
 * not name its process (older ids, tests' names): those leases run out as before. A pid taken
 * again by another process reads as alive, and the lease then simply runs out.
 */
export function isLeaseOwnerGone(ownerId: string, opts: { exclusiveDatabase?: boolean } = {}): boolean {
  const match = idPattern.exec(ownerId);
  if (!match || ownIds.has(ownerId)) return false;
  if (opts.exclusiveDatabase) return true;
  if (match[2] !== key()) return false;
  const pid = Number(match[1]);
  return pid === process.pid || !isProcessAlive(pid);
}
