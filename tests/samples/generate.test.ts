import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../samples/generate';

describe('#generateCase', () => {
  it('should reproduce the committed sample files byte for byte', () => {
    const { files, truth } = generateCase(7);
    for (const [name, content] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../../samples/case/${name}`, import.meta.url));
      expect(
        Buffer.from(typeof content === 'string' ? new TextEncoder().encode(content) : content).equals(committed),
        name,
      ).toBe(true);
    }
    expect(JSON.parse(readFileSync(new URL('../../samples/case/ground-truth.json', import.meta.url), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(truth)),
    );
  });
  it('should hold the roles an investigator expects, under 5 MB', () => {
    const { files, truth } = generateCase(7);
    const roles = Object.values(truth.roles);
    for (const role of [
      'leader',
      'lieutenant',
      'financier',
      'mule',
      'victim',
      'innocent hub',
      'recruiter',
      'controller',
      'transporter',
    ])
      expect(roles).toContain(role);
    const size = Object.values(files).reduce(
      (s, c) => s + (typeof c === 'string' ? new TextEncoder().encode(c).length : c.length),
      0,
    );
    expect(size).toBeLessThan(5 * 1024 * 1024);
  });
  it('should differ with another seed', () => {
    expect(generateCase(8).files['calls_operator_a.csv']).not.toEqual(generateCase(7).files['calls_operator_a.csv']);
  });
});
