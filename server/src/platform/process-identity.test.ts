import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isLeaseOwnerGone, newInstanceId } from './process-identity.ts';

/** An id as another process on this host (same namespace key) would have written it. */
const idOf = (pid: number) => newInstanceId().replace(/-\d+-([0-9a-f]{6})-h/, (_, suffix: string) => `-${pid}-${suffix === 'aaaaaa' ? 'bbbbbb' : 'aaaaaa'}-h`);

describe('lease owners', () => {
  it('names the host, the pid and the start, and is new on every call', () => {
    const a = newInstanceId();
    expect(a).toMatch(new RegExp(`-${process.pid}-[0-9a-f]{6}-h[0-9a-f]{10}$`));
    expect(newInstanceId()).not.toBe(a);
  });

  it('counts a worker of this host whose process has ended as gone', () => {
    const ended = spawnSync('true').pid;
    expect(isLeaseOwnerGone(idOf(ended))).toBe(true);
  });

  it('does not count a running process as gone', async () => {
    const running = spawn('sleep', ['10'], { stdio: 'ignore' });
    try {
      expect(isLeaseOwnerGone(idOf(running.pid!))).toBe(false);
      expect(isLeaseOwnerGone(idOf(running.pid!), { exclusiveDatabase: false })).toBe(false);
    } finally {
      running.kill('SIGKILL');
      await once(running, 'exit');
    }
    expect(isLeaseOwnerGone(idOf(running.pid!))).toBe(true);
  });

  it('never counts this process as gone (another runtime in it may hold the lease), even on the embedded database', () => {
    const own = newInstanceId();
    expect(isLeaseOwnerGone(own)).toBe(false);
    expect(isLeaseOwnerGone(own, { exclusiveDatabase: true })).toBe(false);
  });

  it('counts an earlier holder of this pid as gone: the pid was given again', () => {
    expect(isLeaseOwnerGone(idOf(process.pid))).toBe(true);
  });

  it('cannot tell about another host or pid namespace, except on the embedded database, which only one process opens', () => {
    const elsewhere = idOf(process.ppid).replace(/-h[0-9a-f]{10}$/, '-h0000000000');
    expect(isLeaseOwnerGone(elsewhere)).toBe(false);
    expect(isLeaseOwnerGone(elsewhere, { exclusiveDatabase: true })).toBe(true);
  });

  it('leaves ids that do not name their process to their lease', () => {
    for (const id of ['worker-a', 'crash-child-123', `host-${process.ppid}-abcdef`]) {
      expect(isLeaseOwnerGone(id)).toBe(false);
      expect(isLeaseOwnerGone(id, { exclusiveDatabase: true })).toBe(false);
    }
  });
});
