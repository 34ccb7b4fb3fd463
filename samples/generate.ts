// Generates the bundled sample case "Operation Lantern": a fictional trafficking syndicate hidden in a town's
// ordinary traffic, delivered as five exports in the formats agencies really send. Deterministic: the same seed
// writes the same bytes. Every phone number is in Ofcom's drama ranges; every IBAN is made up (valid checksum).
//   npm run samples            (writes samples/case/*.csv and samples/case/ground-truth.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/lib/rng';

export interface Person {
  key: string;
  name: string;
  role: string;
  cell?: string;
  phones: string[];
  imei: string;
  iban: string;
  document: string;
  nationality: string;
  dob: string;
  organisation?: boolean;
}

export interface GroundTruth {
  case: string;
  seed: number;
  leaders: string[];
  roles: Record<string, string>;
  cells: Record<string, string[]>;
  people: Person[];
}

const GIVEN = [
  'Ana',
  'Maria',
  'Elena',
  'Ioana',
  'Andreea',
  'Daria',
  'Irina',
  'Bianca',
  'Roxana',
  'Alina',
  'Mihaela',
  'Gabriela',
  'Sorina',
  'Teodora',
  'Raluca',
  'Cristina',
  'Vasile',
  'Ion',
  'Marius',
  'Ştefan',
  'Florin',
  'Adrian',
  'Bogdan',
  'Sorin',
  'Dan',
  'Petru',
  'James',
  'Oliver',
  'Harry',
  'Jack',
  'George',
  'Noah',
  'Emily',
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Sophie',
  'Grace',
  'Lily',
  'Mohammed',
  'Yusuf',
  'Aisha',
  'Fatima',
  'Tomasz',
  'Piotr',
  'Agnieszka',
  'Katarzyna',
  'Liam',
  'Chloe',
];
const FAMILY = [
  'Popescu',
  'Ionescu',
  'Popa',
  'Dumitru',
  'Stoica',
  'Gheorghe',
  'Rusu',
  'Munteanu',
  'Constantin',
  'Ţurcanu',
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
  'Khan',
  'Ahmed',
  'Hussain',
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Murphy',
  "O'Brien",
  'Patel',
  'Shah',
];

// Ofcom's ranges reserved for drama: never assigned to a real subscriber.
const RANGES = [
  '07700 900',
  '0113 496 0',
  '0114 496 0',
  '0115 496 0',
  '0116 496 0',
  '0117 496 0',
  '0118 496 0',
  '0121 496 0',
  '0131 496 0',
  '0141 496 0',
  '0151 496 0',
  '0161 496 0',
  '020 7946 0',
  '0191 498 0',
];

function mod97(text: string): number {
  let r = 0;
  for (const ch of text) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

function iban(country: string, bban: string): string {
  const check = 98 - mod97(bban + country + '00');
  return country + String(check).padStart(2, '0') + bban;
}

/** The shape of a generated case, so the method is judged on many pictures, not one. */
export interface CaseShape {
  victims: number;
  /** People of the town, in circles of ten. */
  background: number;
  /** Cells under the command: the bundled case has three (recruitment, transport, exploitation). */
  cells: 'three' | 'two' | 'four';
  /** Extra innocent hubs besides the taxi firm, surgery, remittance shop and takeaway. */
  extraHubs: ('pharmacy' | 'call centre' | 'barber')[];
  /** Controllers switch to a new SIM halfway (same handset). */
  simRotation: boolean;
  /** Controllers switch to a new SIM in a new handset halfway (a burner): only their contacts tie the two. */
  burners: boolean;
  /** Share of people the subscriber register lists. */
  kycCoverage: number;
}

export const DEFAULT_SHAPE: CaseShape = {
  victims: 14,
  background: 230,
  cells: 'three',
  extraHubs: [],
  simRotation: false,
  burners: false,
  kycCoverage: 0.7,
};

const CELLS: Record<CaseShape['cells'], [string, string[]][]> = {
  three: [
    ['recruitment', ['recruiter', 'recruiter', 'transporter']],
    ['transport', ['transporter', 'transporter', 'document supplier']],
    ['exploitation', ['controller', 'controller', 'controller']],
  ],
  two: [
    ['recruitment', ['recruiter', 'recruiter', 'transporter', 'transporter']],
    ['exploitation', ['controller', 'controller', 'controller']],
  ],
  four: [
    ['recruitment', ['recruiter', 'recruiter']],
    ['transport', ['transporter', 'transporter', 'document supplier']],
    ['exploitation', ['controller', 'controller']],
    ['exploitation-north', ['controller', 'controller', 'transporter']],
  ],
};

export function generateCase(
  seed = 7,
  shapeOptions: Partial<CaseShape> = {},
): { files: Record<string, string | Uint8Array>; truth: GroundTruth } {
  const shape = { ...DEFAULT_SHAPE, ...shapeOptions };
  const rng = createRng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const usedNumbers = new Set<string>();
  const newPhone = (range?: string): string => {
    for (;;) {
      const r = range ?? pick(RANGES.slice(1));
      const digits = 10 - r.replace(/\D/g, '').length + 1;
      const n = r + String(int(0, 10 ** digits - 1)).padStart(digits, '0');
      const key = n.replace(/\D/g, '');
      if (key.length === 11 && !usedNumbers.has(key)) {
        usedNumbers.add(key);
        return n;
      }
    }
  };
  let counter = 0;
  const luhn = (body: string) => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (i % 2 === 0) d *= 2;
      sum += d > 9 ? d - 9 : d;
    }
    return String((10 - (sum % 10)) % 10);
  };
  const person = (role: string, opts: Partial<Person> = {}): Person => {
    counter++;
    const romanian = role === 'victim' || rng() < 0.3;
    const given = romanian ? pick(GIVEN.slice(0, 26)) : pick(GIVEN.slice(26));
    const family = romanian ? pick(FAMILY.slice(0, 10)) : pick(FAMILY.slice(10));
    const imeiBody = '35' + String(int(0, 999999)).padStart(6, '0') + String(counter).padStart(6, '0');
    const gb = !romanian;
    return {
      key: `P${String(counter).padStart(3, '0')}`,
      name: `${given} ${family}`,
      role,
      phones: [newPhone(role === 'background' ? undefined : RANGES[0])],
      imei: imeiBody + luhn(imeiBody),
      iban: gb
        ? iban('GB', 'LANT' + String(int(100000, 999999)) + String(int(10000000, 99999999)))
        : iban(
            'RO',
            'RNCB' + String(int(1000, 9999)) + String(counter).padStart(4, '0') + String(int(10000000, 99999999)),
          ),
      document: (romanian ? '05' : '5') + String(int(1000000, 9999999)) + String(counter).padStart(3, '0'),
      nationality: romanian ? 'ROU' : 'GBR',
      dob: `${int(1965, 2004)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      ...opts,
    };
  };

  // The syndicate.
  const boss = person('leader', { cell: 'command' });
  const coLeader = person('leader', { cell: 'command' });
  const financier = person('financier', { cell: 'command' });
  boss.phones.push(newPhone(RANGES[0])); // a second SIM in the same handset: the IMEI rule joins them
  const T_MID = Date.UTC(2024, 3, 1);
  const cells: Record<string, Person[]> = {};
  const lieutenants: Person[] = [];
  for (const [cell, roles] of CELLS[shape.cells]) {
    const head = person('lieutenant', { cell });
    lieutenants.push(head);
    cells[cell] = [head, ...roles.map((r) => person(r, { cell }))];
  }
  const mules = [person('mule'), person('mule'), person('mule')];
  const victims = Array.from({ length: shape.victims }, () => person('victim'));
  // Innocent hubs: businesses everyone calls once in a while.
  const taxi = person('innocent hub', { name: 'Star Cars Ltd', organisation: true, phones: [newPhone('0113 496 0')] });
  const surgery = person('innocent hub', {
    name: 'Riverside Medical Practice',
    organisation: true,
    phones: [newPhone('0113 496 0')],
  });
  const remittance = person('innocent hub', {
    name: 'QuickSend Money Transfer Ltd',
    organisation: true,
    phones: [newPhone('0113 496 0')],
  });
  const pizza = person('innocent hub', {
    name: 'Napoli Pizza Takeaway',
    organisation: false,
    phones: [newPhone('0113 496 0')],
  });
  const extraHubs = shape.extraHubs.map((kind) =>
    person('innocent hub', {
      name: { pharmacy: 'Hillside Pharmacy', 'call centre': 'Northgate Energy Helpline', barber: "Ali's Barbers" }[
        kind
      ],
      organisation: kind !== 'barber',
      phones: [newPhone('0113 496 0')],
    }),
  );
  const hubs = [taxi, surgery, remittance, pizza, ...extraHubs];
  // The town: families and friends who call each other, and the businesses.
  const background = Array.from({ length: shape.background }, () => person('background'));
  const circles: Person[][] = [];
  for (let i = 0; i < background.length; i += 10) circles.push(background.slice(i, i + 10));

  const members = [boss, coLeader, financier, ...lieutenants, ...Object.values(cells).flatMap((c) => c.slice(1))];
  const everyone = [...members, ...mules, ...victims, ...hubs, ...background];

  // ---- events ----
  const T0 = Date.UTC(2024, 0, 8);
  const T1 = Date.UTC(2024, 5, 28);
  const when = (from = T0, to = T1) => from + Math.floor((rng() * (to - from)) / 60000) * 60000;
  interface Call {
    a: Person;
    b: Person;
    t: number;
    d: number;
    sms: boolean;
    aPhone?: string;
  }
  const calls: Call[] = [];
  const talk = (a: Person, b: Person, n: number, from = T0, to = T1, smsShare = 0.2) => {
    for (let i = 0; i < n; i++) {
      const [x, y] = rng() < 0.5 ? [a, b] : [b, a];
      const sms = rng() < smsShare;
      calls.push({ a: x, b: y, t: when(from, to), d: sms ? 0 : int(15, 900), sms });
    }
  };
  const oneWay = (a: Person, b: Person, n: number, from = T0, to = T1) => {
    for (let i = 0; i < n; i++) calls.push({ a, b, t: when(from, to), d: int(20, 400), sms: false });
  };
  // Command: the boss talks to few, often.
  talk(boss, coLeader, int(30, 45));
  for (const l of lieutenants) talk(boss, l, int(18, 30));
  talk(boss, financier, int(10, 16));
  talk(coLeader, financier, int(15, 25));
  for (const l of lieutenants) talk(coLeader, l, int(6, 12));
  // Cells: the head runs the members; members talk among themselves; cells barely touch each other.
  for (const [name, cell] of Object.entries(cells)) {
    const [head, ...rest] = cell;
    for (const m of rest) talk(head!, m, int(15, 30));
    for (let i = 0; i < rest.length; i++)
      for (let j = i + 1; j < rest.length; j++) talk(rest[i]!, rest[j]!, int(4, 10));
    if (name === 'transport' || name === 'exploitation-north') talk(head!, cells.recruitment![0]!, int(3, 6));
  }
  // Victims: recruited by phone, escorted abroad, then controlled.
  const all = Object.values(cells).flat();
  const recruiters = all.filter((p) => p.role === 'recruiter');
  const escorts =
    shape.cells === 'three'
      ? [...cells.transport!.filter((p) => p.role === 'transporter'), cells.recruitment![3]!]
      : all.filter((p) => p.role === 'transporter');
  const controllers = all.filter((p) => p.role === 'controller');
  if (shape.simRotation || shape.burners) for (const c of controllers) c.phones.push(newPhone(RANGES[0]));
  const burnerImei = new Map<Person, string>();
  if (shape.burners)
    for (const c of controllers) {
      const body = '35' + String(int(0, 999999)).padStart(6, '0') + String(900000 + int(0, 99999)).padStart(6, '0');
      burnerImei.set(c, body + luhn(body));
    }
  const journeys: { people: Person[]; t: number; carrier: string; service: string; from: string; to: string }[] = [];
  victims.forEach((v, i) => {
    const arrival = Date.UTC(2024, 1, 1) + Math.floor(i / 3) * 12 * 86400000;
    oneWay(pick(recruiters), v, int(4, 8), T0, arrival);
    talk(pick(recruiters), v, int(1, 2), T0, arrival);
    const controller = controllers[i % controllers.length]!;
    oneWay(controller, v, int(15, 30), arrival, T1);
    talk(controller, v, int(2, 5), arrival, T1, 0.6);
    if (rng() < 0.6) oneWay(v, surgery, int(1, 2), arrival, T1);
    if (rng() < 0.5) oneWay(v, taxi, 1, arrival, T1);
    if (i % 3 === 0) {
      const escort = escorts[(i / 3) % escorts.length]!;
      journeys.push({
        people: [escort, ...victims.slice(i, i + 3)],
        t: arrival - 86400000,
        carrier: pick(['W6', 'FR', 'FLIXBUS']),
        service: '',
        from: pick(['OTP', 'CLJ', 'IAS']),
        to: pick(['LTN', 'STN', 'BHX']),
      });
    }
  });
  for (let i = 0; i + 1 < victims.length; i += 2) talk(victims[i]!, victims[i + 1]!, int(2, 6));
  // The town.
  for (const circle of circles) {
    for (let i = 0; i < circle.length; i++) {
      for (let j = i + 1; j < circle.length; j++) if (rng() < 0.35) talk(circle[i]!, circle[j]!, int(2, 12));
      if (rng() < 0.12) talk(circle[i]!, pick(background), int(1, 3));
    }
  }
  for (const p of background) {
    if (rng() < 0.7) oneWay(p, taxi, int(1, 2));
    if (rng() < 0.55) oneWay(p, surgery, int(1, 2));
    if (rng() < 0.35) oneWay(p, pizza, int(1, 3));
    if (rng() < 0.25) oneWay(p, remittance, 1);
  }
  for (const m of members) {
    if (rng() < 0.5) oneWay(m, taxi, int(1, 3));
    if (rng() < 0.3) oneWay(m, pizza, 1);
  }
  talk(boss, pick(circles[0]!), int(8, 14)); // family
  talk(boss, pick(circles[1]!), int(5, 10));
  for (const h of [taxi, surgery]) for (let i = 0; i < 25; i++) oneWay(h, pick(background), 1); // call-backs
  for (const h of extraHubs) {
    // A call centre rings out to the town; a pharmacy and a barber are rung, by the syndicate's people too.
    for (const p of [...background, ...members, ...victims])
      if (rng() < 0.4) {
        if (h.name.includes('Helpline')) oneWay(h, p, 1);
        else oneWay(p, h, int(1, 2));
      }
  }

  // Money: victims pay mules in amounts under the radar, mules pass it to the financier, who pays the command.
  interface Transfer {
    from: Person;
    to: Person;
    t: number;
    amount: number;
    currency: string;
    ref: string;
  }
  const transfers: Transfer[] = [];
  victims.forEach((v, i) => {
    const mule = mules[i % mules.length]!;
    for (let k = 0; k < int(6, 12); k++)
      transfers.push({
        from: v,
        to: mule,
        t: when(Date.UTC(2024, 2, 1), T1),
        amount: int(150, 480) + int(0, 99) / 100,
        currency: 'GBP',
        ref: pick(['rent', 'loan', 'chirie', 'datorie', '']),
      });
  });
  for (const mule of mules)
    for (let k = 0; k < int(8, 12); k++)
      transfers.push({
        from: mule,
        to: financier,
        t: when(Date.UTC(2024, 2, 10), T1),
        amount: int(900, 2900) + int(0, 99) / 100,
        currency: 'GBP',
        ref: 'invoice ' + int(100, 999),
      });
  for (let k = 0; k < 6; k++)
    transfers.push({
      from: financier,
      to: boss,
      t: when(Date.UTC(2024, 3, 1), T1),
      amount: int(4000, 9000),
      currency: 'EUR',
      ref: 'consulting',
    });
  for (const l of lieutenants)
    for (let k = 0; k < 3; k++)
      transfers.push({
        from: financier,
        to: l,
        t: when(Date.UTC(2024, 3, 1), T1),
        amount: int(800, 1500),
        currency: 'GBP',
        ref: 'wages',
      });
  for (const p of background)
    if (rng() < 0.3)
      transfers.push({ from: p, to: remittance, t: when(), amount: int(50, 400), currency: 'GBP', ref: 'family' });
  for (const circle of circles)
    for (let k = 0; k < 4; k++)
      transfers.push({
        from: circle[k]!,
        to: circle[(k + 1 + int(0, circle.length - 2)) % circle.length]!,
        t: when(),
        amount: int(10, 200),
        currency: 'GBP',
        ref: pick(['dinner', 'rent share', 'birthday', 'tickets', 'café €']),
      });

  // Travel: escorted groups, plus ordinary travellers on the same services.
  const travelRows: { p: Person; t: number; carrier: string; service: string; from: string; to: string }[] = [];
  journeys.forEach((j, i) => {
    j.service = j.carrier === 'FLIXBUS' ? `N${int(100, 999)}` : `${j.carrier}${int(1000, 9999)}`;
    for (const p of j.people)
      travelRows.push({
        p,
        t: j.t + int(6, 20) * 3600000,
        carrier: j.carrier,
        service: j.service,
        from: j.from,
        to: j.to,
      });
    for (let k = 0; k < 3; k++)
      travelRows.push({
        p: background[(i * 7 + k * 13) % background.length]!,
        t: j.t + 7 * 3600000,
        carrier: j.carrier,
        service: j.service,
        from: j.from,
        to: j.to,
      });
  });
  for (let k = 0; k < 40; k++) {
    const p = pick(background);
    travelRows.push({
      p,
      t: when(),
      carrier: pick(['BA', 'U2', 'W6']),
      service: `${pick(['BA', 'U2', 'W6'])}${int(100, 999)}`,
      from: pick(['LHR', 'LGW', 'MAN']),
      to: pick(['BCN', 'FAO', 'DUB', 'OTP']),
    });
  }
  // The escorts travel back and forth; the boss once, on their own.
  for (const e of escorts)
    for (let k = 0; k < 2; k++)
      travelRows.push({ p: e, t: when(), carrier: 'W6', service: `W6${int(3000, 3999)}`, from: 'LTN', to: 'OTP' });

  // ---- files ----
  const truth: GroundTruth = {
    case: 'Operation Lantern (generated)',
    seed,
    leaders: [boss.key, coLeader.key],
    roles: Object.fromEntries(everyone.map((p) => [p.key, p.role])),
    cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.map((p) => p.key)])),
    people: everyone,
  };
  const files: Record<string, string | Uint8Array> = {};
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (t: number) => {
    // Europe/London wall time: BST from 31 March 2024 01:00 UTC to 27 October.
    const bst = t >= Date.UTC(2024, 2, 31, 1) && t < Date.UTC(2024, 9, 27, 1);
    return new Date(t + (bst ? 3600000 : 0));
  };
  const spell = (phone: string, style: number) => {
    const digits = phone.replace(/\D/g, '');
    const intl = '44' + digits.slice(1);
    return [digits, `+44 ${phone.slice(1)}`, intl, `+${intl}`][style % 4]!;
  };
  calls.sort((x, y) => x.t - y.t);
  /** The number a person uses at time t: a rotating controller's second SIM from the midpoint on. */
  const numberAt = (p: Person, t: number) =>
    (shape.simRotation || shape.burners) && p.phones[1] && p !== boss && t >= T_MID ? p.phones[1] : p.phones[0]!;

  // Telecom A (mobile operator): semicolons, BOM, CRLF, dd/mm/yyyy local time, numbers written three ways.
  const mobileA = calls.filter((_c, i) => i % 5 !== 0);
  const rowsA = ['A_Number;B_Number;Start Time;Duration;Call Type;IMEI;Cell ID'];
  mobileA.forEach((c, i) => {
    const d = local(c.t);
    const rotated = (p: Person) => numberAt(p, c.t);
    const aPhone = c.a === boss && i % 3 === 0 ? boss.phones[1]! : rotated(c.a);
    rowsA.push(
      [
        spell(aPhone, i),
        spell(rotated(c.b), i + 1),
        `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
        String(c.d),
        c.sms ? 'SMS' : 'Voice',
        c.a.organisation ? '' : burnerImei.has(c.a) && c.t >= T_MID ? burnerImei.get(c.a)! : c.a.imei,
        `2341${int(10, 99)}${int(1000, 9999)}`,
      ].join(';'),
    );
  });
  rowsA.push('07700 900999;Withheld;12/03/2024 23:10:00;31;Voice;;');
  rowsA.push(rowsA[5]!); // delivered twice
  rowsA.push(`${spell(boss.phones[0]!, 0)};${spell(coLeader.phones[0]!, 0)};31/02/2024 10:00:00;60;Voice;;`);
  rowsA.push(
    `${spell(victims[0]!.phones[0]!, 0)};${spell(controllers[0]!.phones[0]!, 0)};14/04/2024 09:12:00;1m20;Voice;;`,
  );
  files['calls_operator_a.csv'] = '\ufeff' + rowsA.join('\r\n') + '\r\n';

  // Telecom B: comma, ISO 8601 with offsets, durations as mm:ss.
  const rowsB = ['calling_number,called_number,start_time,duration,type'];
  calls
    .filter((_c, i) => i % 5 === 0)
    .forEach((c, i) => {
      const d = new Date(c.t);
      rowsB.push(
        [
          `+${'44' + numberAt(c.a, c.t).replace(/\D/g, '').slice(1)}`,
          spell(numberAt(c.b, c.t), i),
          d.toISOString().replace('.000Z', '+00:00'),
          `${Math.floor(c.d / 60)}:${pad(c.d % 60)}`,
          c.sms ? 'sms' : 'voice',
        ].join(','),
      );
    });
  files['cdr_operator_b.csv'] = rowsB.join('\n') + '\n';

  // The bank: Windows-1252, semicolons, decimal commas, dd.mm.yyyy.
  const money = (x: number) => {
    const [int_, dec] = x.toFixed(2).split('.');
    return int_!.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + dec;
  };
  const spaced = (i: string) => i.replace(/(.{4})/g, '$1 ').trim();
  const rowsBank = [
    'Transaction ID;Value Date;Debtor IBAN;Debtor Name;Creditor IBAN;Creditor Name;Amount;Currency;Remittance Information',
  ];
  transfers
    .sort((x, y) => x.t - y.t)
    .forEach((t, i) => {
      const d = new Date(t.t);
      rowsBank.push(
        [
          `TX${String(i + 1).padStart(6, '0')}`,
          `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`,
          i % 2 ? spaced(t.from.iban) : t.from.iban,
          t.from.name.toUpperCase(),
          i % 3 ? t.to.iban : spaced(t.to.iban),
          t.to.name,
          money(t.amount),
          t.currency,
          t.ref,
        ].join(';'),
      );
    });
  rowsBank.push(`TX999998;03.05.2024;GB00LANT00000000000000;UNKNOWN;${financier.iban};${financier.name};250,00;GBP;`);
  files['bank_transfers.csv'] = encode1252(rowsBank.join('\r\n') + '\r\n');

  // Border agency: tab-separated manifest, names SURNAME/GIVEN, local departure times.
  const rowsTravel = ['Passenger Name\tDocument No\tNationality\tDate of Birth\tCarrier\tFlight\tFrom\tTo\tDeparture'];
  travelRows
    .sort((x, y) => x.t - y.t || (x.p.key < y.p.key ? -1 : 1))
    .forEach((r) => {
      const [given, ...family] = r.p.name.split(' ');
      const d = new Date(r.t);
      const name =
        r.p.role === 'victim' && rng() < 0.3
          ? `${family.join(' ')}, ${given}`
          : `${family.join(' ').toUpperCase()}/${given!.toUpperCase()}`;
      rowsTravel.push(
        [
          name,
          r.p.document,
          r.p.nationality,
          r.p.dob.split('-').reverse().join('/'),
          r.carrier,
          r.service,
          r.from,
          r.to,
          `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
        ].join('\t'),
      );
    });
  files['travel_manifest.csv'] = rowsTravel.join('\n') + '\n';

  // Subscriber and KYC register: incomplete; businesses as organisations.
  const rowsKyc = ['Customer ID,Full Name,Date of Birth,MSISDN,IBAN,ID Document,Customer Type'];
  for (const p of everyone) {
    if (p.role !== 'innocent hub' && rng() < 1 - shape.kycCoverage) continue;
    const surnameFirst = rng() < 0.3;
    const [given, ...family] = p.name.split(' ');
    const name =
      p.organisation || p.role === 'innocent hub'
        ? p.name
        : surnameFirst
          ? `${family.join(' ').toUpperCase()}, ${given}`
          : p.name;
    rowsKyc.push(
      [
        `C${p.key.slice(1)}`,
        name.includes(',') ? `"${name}"` : name,
        p.organisation ? '' : p.dob,
        p.phones[0]!,
        p.iban,
        p.organisation ? '' : p.document,
        p.organisation ? 'Business' : 'Individual',
      ].join(','),
    );
  }
  files['kyc_register.csv'] = rowsKyc.join('\n') + '\n';
  return { files, truth };
}

function encode1252(text: string): Uint8Array {
  // Windows-1252 has € and é but no Romanian or Polish letters: bank systems write those without the mark.
  const special: Record<string, number> = { '€': 0x80, Ş: 0x53, ş: 0x73, Ţ: 0x54, ţ: 0x74, ś: 0x73, Ś: 0x53 };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    out[i] = special[ch] ?? (code < 256 ? code : 0x3f);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'case');
  mkdirSync(dir, { recursive: true });
  const { files, truth } = generateCase(Number(process.argv[2] ?? 7));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify(truth, null, 2) + '\n');
  console.log(`wrote ${Object.keys(files).length} files and ground-truth.json to ${dir}`);
}
