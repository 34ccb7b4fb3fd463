// Search by what an investigator has in hand: a name, a phone number in any format, an IBAN or account number,
// a handset IMEI or a travel document number. Queries are normalised the same way the files were.
import { normalisePhone } from '../ingest/phone';
import { normaliseAccount } from '../ingest/iban';
import { foldName } from '../ingest/names';
import type { CaseView } from '../worker/messages';

export interface SearchHit {
  id: string;
  label: string;
  /** How it matched: "phone +447700900123", "name". */
  match: string;
}

export interface SearchIndex {
  search(query: string, limit?: number): SearchHit[];
}

export function createSearchIndex(view: CaseView, country: string): SearchIndex {
  const byIdentifier = new Map<string, string>();
  const documents: [string, string][] = [];
  const names: [string, string][] = [];
  const label = new Map<string, string>();
  for (const n of view.nodes) {
    label.set(n.id, n.label);
    for (const i of n.identifiers) {
      byIdentifier.set(i, n.id);
      if (i.startsWith('doc:')) documents.push([i.slice(4).split('#')[0]!, n.id]);
    }
    for (const name of new Set([n.label, ...n.names])) names.push([foldName(name), n.id]);
  }
  const hit = (id: string, match: string): SearchHit => ({ id, label: label.get(id) ?? id, match });

  return {
    search(query, limit = 20) {
      const q = query.trim();
      if (!q) return [];
      const hits: SearchHit[] = [];
      const seen = new Set<string>();
      const add = (h: SearchHit) => {
        if (!seen.has(h.id)) {
          seen.add(h.id);
          hits.push(h);
        }
      };
      const direct = byIdentifier.get(q);
      if (direct) add(hit(direct, q));
      if (/\d{5}/.test(q.replace(/\D/g, ''))) {
        const phone = normalisePhone(q, country);
        if (phone.ok) {
          const id = byIdentifier.get(`tel:${phone.e164}`);
          if (id) add(hit(id, `phone ${phone.e164}`));
        }
        const digits = q.replace(/\D/g, '');
        const imei = byIdentifier.get(`imei:${digits}`) ?? byIdentifier.get(`imei:${digits.slice(0, 14)}`);
        if (imei) add(hit(imei, `handset ${digits}`));
      }
      const account = normaliseAccount(q);
      if (account.ok) {
        const id = byIdentifier.get(`acct:${account.id}`);
        if (id) add(hit(id, `account ${account.id}`));
      }
      const doc = q.toUpperCase().replace(/[\s-]/g, '');
      if (doc.length >= 4) for (const [number, id] of documents) if (number === doc) add(hit(id, `document ${number}`));
      const folded = foldName(q);
      if (folded.length >= 2) {
        for (const [name, id] of names) if (name.startsWith(folded)) add(hit(id, 'name'));
        for (const [name, id] of names) if (name.includes(folded)) add(hit(id, 'name'));
      }
      if (view.nodes.some((n) => n.id === q)) add(hit(q, 'id'));
      return hits.slice(0, limit);
    },
  };
}
