import { describe, expect, it } from 'vitest';
import { hstsHeader } from './security-headers.ts';

describe('hstsHeader', () => {
  it('is sent only behind https, with includeSubDomains, and preload on request', () => {
    expect(hstsHeader('https://diplo.example', 31_536_000, false)).toBe('max-age=31536000; includeSubDomains');
    expect(hstsHeader('https://diplo.example', 63_072_000, true)).toBe('max-age=63072000; includeSubDomains; preload');
    expect(hstsHeader('http://localhost:8080', 31_536_000, false)).toBeNull();
    expect(hstsHeader('https://diplo.example', 0, true)).toBeNull();
  });
});
