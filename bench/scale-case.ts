// Cases at case scale for the benchmark: a city of background callers around the bundled syndicate. The
// background has communities (households, workplaces), a few busy services, bank transfers and journeys in
// proportion to the calls, and is written in the same agency formats as the samples, so the bench measures the
// real import path. The bundled case's own files ride along, so the bench can also check that the syndicate's
// leaders still top the ranking in a city of a million calls.
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/lib/rng';

export interface ScaleCase {
  dir: string;
  files: string[];
  callRows: number;
  transferRows: number;
  travelRows: number;
  registerRows: number;
}

/** Call rows per background person: 1M calls among 100k numbers, about 10 contacts each. */
const CALLS_PER_PERSON = 10;
const COMMUNITY = 40;

/** Buffered line writer: one write per ~1 MB. */
function lineWriter(path: string) {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let size = 0;
  return {
    line(s: string) {
      buf.push(s);
      size += s.length + 1;
      if (size > 1 << 20) this.flush();
    },
    flush() {
      if (buf.length) writeSync(fd, buf.join('\n') + '\n');
      buf = [];
      size = 0;
    },
    close() {
      this.flush();
      closeSync(fd);
    },
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A UK mobile number out of the samples' 07700 900xxx range, written three ways as agencies do. */
function phone(i: number, style: number): string {
  const digits = pad(10_000_000 + i, 8); // 8 digits after 079
  switch (style % 3) {
    case 0:
      return `079${digits}`;
    case 1:
      return `+44 79${digits.slice(0, 2)} ${digits.slice(2)}`;
    default:
      return `4479${digits}`;
  }
}

/** An IBAN-shaped GB account with a valid check (mod 97), so ingest accepts it. */
function iban(i: number): string {
  const bban = `LANT${pad(600000 + (i % 400000), 6)}${pad(i, 8)}`;
  const numeric = (bban + 'GB00')
    .split('')
    .map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c))
    .join('');
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return `GB${pad(98 - r, 2)}${bban}`;
}

const FIRST = ['Oliver', 'Amelia', 'Jack', 'Isla', 'Harry', 'Ava', 'George', 'Mia', 'Noah', 'Emily', 'Ana', 'Ion'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Popescu', 'Ionescu', 'Kowalski', 'Khan'];

/**
 * Writes a case with `callRows` background call rows (plus the bundled case) into `dir`; reuses files already
 * there. Transfers are a tenth of the calls and journeys a fiftieth, as in the bundled case.
 */
export function writeScaleCase(dir: string, callRows: number, seed = 1): ScaleCase {
  const people = Math.max(1000, Math.round(callRows / CALLS_PER_PERSON));
  const transferRows = Math.round(callRows / 10);
  const travelRows = Math.round(callRows / 50);
  const registerRows = Math.round(people * 0.6);
  const out: ScaleCase = { dir, files: [], callRows, transferRows, travelRows, registerRows };
  const done = join(dir, '.complete');
  mkdirSync(dir, { recursive: true });
  const samples = new URL('../samples/case/', import.meta.url);
  if (!existsSync(done)) {
    const rng = createRng(seed);
    const pick = (n: number) => Math.floor(rng() * n);
    // Each person has ~10 regular contacts: most in their community, some anywhere; a few services everyone calls.
    const services = Math.max(5, Math.round(people / 5000));
    const contactOf = (p: number) => {
      const r = rng();
      if (r < 0.08) return pick(services); // services are people 0..services-1
      if (r < 0.25) return pick(people);
      const base = p - (p % COMMUNITY);
      return Math.min(people - 1, base + pick(COMMUNITY));
    };
    const start = Date.UTC(2024, 0, 1);
    const span = 180 * 86400000;
    const calls = lineWriter(join(dir, 'city_cdr.csv'));
    calls.line('calling_number,called_number,start_time,duration,type');
    for (let i = 0; i < callRows; i++) {
      const a = services + pick(people - services);
      let b = contactOf(a);
      if (b === a) b = (a + 1) % people;
      const t = new Date(start + pick(span)).toISOString().slice(0, 19) + '+00:00';
      const sms = rng() < 0.3;
      const secs = sms ? 0 : 5 + pick(900);
      const [x, y] = rng() < 0.5 ? [a, b] : [b, a];
      calls.line(
        `${phone(x, i)},${phone(y, i + 1)},${t},${sms ? '00:00' : `${pad(Math.floor(secs / 60), 2)}:${pad(secs % 60, 2)}`},${sms ? 'sms' : 'voice'}`,
      );
    }
    calls.close();
    const register = lineWriter(join(dir, 'city_register.csv'));
    register.line('Customer ID,Full Name,Date of Birth,MSISDN,IBAN,ID Document,Customer Type');
    for (let p = 0; p < registerRows; p++) {
      const business = p < services;
      const name = business ? `${LAST[p % LAST.length]} Services Ltd` : `${FIRST[pick(12)]} ${LAST[pick(10)]}`;
      const dob = business ? '' : `19${50 + pick(50)}-${pad(1 + pick(12), 2)}-${pad(1 + pick(28), 2)}`;
      register.line(
        `K${pad(p, 7)},${name},${dob},${phone(p, p)},${iban(p)},${business ? '' : `D${pad(p, 9)}`},${business ? 'Business' : 'Individual'}`,
      );
    }
    register.close();
    const transfers = lineWriter(join(dir, 'city_transfers.csv'));
    transfers.line(
      'Transaction ID;Value Date;Debtor IBAN;Debtor Name;Creditor IBAN;Creditor Name;Amount;Currency;Remittance Information',
    );
    for (let i = 0; i < transferRows; i++) {
      const a = services + pick(registerRows - services);
      const b = rng() < 0.3 ? pick(services) : contactOf(a) % registerRows;
      const d = new Date(start + pick(span));
      const amount = (5 + pick(50000) / 100).toFixed(2).replace('.', ',');
      transfers.line(
        `T${pad(i, 9)};${pad(d.getUTCDate(), 2)}.${pad(d.getUTCMonth() + 1, 2)}.${d.getUTCFullYear()};${iban(a)};;${iban(b === a ? (a + 1) % registerRows : b)};;${amount};GBP;`,
      );
    }
    transfers.close();
    // Journeys: groups of travellers on the same flight; most are strangers on a full plane.
    const travel = lineWriter(join(dir, 'city_travel.csv'));
    travel.line('Passenger Name\tDocument No\tNationality\tDate of Birth\tCarrier\tFlight\tFrom\tTo\tDeparture');
    for (let i = 0; i < travelRows;) {
      const flight = `FR${1000 + pick(8000)}`;
      const d = new Date(start + pick(span));
      const when = `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
      const size = 1 + pick(6);
      const group = services + pick(registerRows - services);
      for (let k = 0; k < size && i < travelRows; k++, i++) {
        const p = Math.min(registerRows - 1, group + k);
        travel.line(
          `TRAVELLER/P${p}\tD${pad(p, 9)}\tGBR\t\t FR\t${flight}\tSTN\tOTP\t${when}`.replace('\t FR', '\tFR'),
        );
      }
    }
    travel.close();
    for (const f of readdirSync(samples)) if (f.endsWith('.csv')) copyFileSync(new URL(f, samples), join(dir, f));
    const mark = openSync(done, 'w');
    closeSync(mark);
  }
  out.files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
  return out;
}
