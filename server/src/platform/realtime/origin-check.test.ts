import { describe, expect, it } from 'vitest';
import { originCheckFor } from './gateway.ts';

describe('originCheckFor', () => {
  it('accepts only the public origin of a deployed instance', () => {
    const allow = originCheckFor('https://diplo.example/');
    expect(allow('https://diplo.example')).toBe(true);
    expect(allow('https://diplo.example.evil.test')).toBe(false);
    expect(allow('http://diplo.example')).toBe(false);
    expect(allow('http://localhost:5173')).toBe(false);
    expect(allow('null')).toBe(false);
  });
  it('accepts any loopback port when the instance itself is local (the Vite dev server)', () => {
    const allow = originCheckFor('http://localhost:8080');
    expect(allow('http://localhost:5173')).toBe(true);
    expect(allow('http://127.0.0.1:4173')).toBe(true);
    expect(allow('https://evil.example')).toBe(false);
  });
  it('with a staff host of its own, accepts only the staff origin, never the newsroom host', () => {
    const allow = originCheckFor('https://desk.diplo.example', 'https://diplo.example');
    expect(allow('https://desk.diplo.example')).toBe(true);
    expect(allow('https://diplo.example')).toBe(false);
    const local = originCheckFor('http://127.0.0.1:8080', 'http://localhost:8080');
    expect(local('http://127.0.0.1:8080')).toBe(true);
    expect(local('http://127.0.0.1:5173')).toBe(true);
    expect(local('http://localhost:8080')).toBe(false);
    expect(local('http://localhost:5173')).toBe(false);
  });
});
