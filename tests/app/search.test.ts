import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../src/app/search';
import { caseView, node } from './view-fixture';

const view = caseView(
  [
    node('ref:C1', 0, 1, {
      label: 'Maria Ţurcanu',
      names: ['Maria Turcanu'],
      identifiers: [
        'ref:C1',
        'tel:+447700900521',
        'acct:GB82WEST12345698765432',
        'doc:P1234567#maria turcanu',
        'imei:35693803564380',
      ],
    }),
    node('tel:+33612345678', 1, 2, { label: '+33612345678', identifiers: ['tel:+33612345678'] }),
  ],
  [],
);
const index = createSearchIndex(view, 'GB');
const first = (q: string) => index.search(q)[0];

describe('#createSearchIndex', () => {
  it('should find a phone number however it is written', () => {
    for (const q of ['07700 900521', '+44 7700 900521', '+44 (0)7700-900-521', '447700900521'])
      expect(first(q)?.id, q).toBe('ref:C1');
    expect(first('+33 6 12 34 56 78')?.id).toBe('tel:+33612345678');
  });

  it('should find an IBAN, a document and a handset', () => {
    expect(first('gb82 west 1234 5698 7654 32')).toMatchObject({
      id: 'ref:C1',
      match: 'account GB82WEST12345698765432',
    });
    expect(first('p1234567')).toMatchObject({ id: 'ref:C1', match: 'document P1234567' });
    expect(first('35693803564380')).toMatchObject({ id: 'ref:C1', match: 'handset 35693803564380' });
  });

  it('should find a name without its accents or case', () => {
    expect(first('turc')?.id).toBe('ref:C1');
    expect(first('MARIA')?.id).toBe('ref:C1');
    expect(index.search('nobody')).toEqual([]);
    expect(index.search('  ')).toEqual([]);
  });
});
