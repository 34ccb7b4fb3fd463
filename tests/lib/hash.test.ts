import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/hash';

describe('#sha256Hex', () => {
  it('should give the standard digest, the same as the CLI’s streaming hash', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await sha256Hex(abc.buffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = new Uint8Array(3_000_000).map((_, i) => i % 251);
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
