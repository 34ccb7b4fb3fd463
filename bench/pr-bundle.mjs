// bench/pipeline-run.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import Papa3 from "papaparse";

// src/lib/errors.ts
var AppError = class extends Error {
  module;
  constructor(module, message) {
    super(`${module}: ${message}`);
    this.name = "AppError";
    this.module = module;
  }
};
function appError(module, message) {
  return new AppError(module, message);
}

// src/lib/timing.ts
var untimed = (_step, run2) => run2();

// src/lib/time-zones.ts
var formatters = /* @__PURE__ */ new Map();
function formatter(zone) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit"
    });
    formatters.set(zone, f);
  }
  return f;
}
function validateTimeZone(zone) {
  if (parseFixedOffset(zone) !== null) return;
  try {
    formatter(zone);
  } catch {
    throw appError("time", `unknown time zone "${zone}"; expected an IANA name such as "Europe/London", or "+02:00"`);
  }
}
function parseFixedOffset(zone) {
  if (zone === "Z" || zone.toUpperCase() === "UTC" || zone.toUpperCase() === "GMT") return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}
function zoneOffsetMinutes(zone, utcMs) {
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return fixed;
  const bucket = Math.floor(utcMs / 9e5);
  const key = `${zone}|${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== void 0) return cached;
  if (offsetCache.size > 2e5) offsetCache.clear();
  const offset = computeOffset(zone, bucket * 9e5);
  offsetCache.set(key, offset);
  return offset;
}
var offsetCache = /* @__PURE__ */ new Map();
function computeOffset(zone, utcMs) {
  const parts2 = formatter(zone).formatToParts(new Date(utcMs));
  const get = (type) => Number(parts2.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(utcMs / 1e3) * 1e3) / 6e4);
}
function wallTimeToUtc(zone, y, mo, d, h, mi, s, ms = 0) {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return naive - fixed * 6e4;
  const before = zoneOffsetMinutes(zone, naive - 432e5);
  const after = zoneOffsetMinutes(zone, naive + 432e5);
  const valid = [before, after].map((offset) => naive - offset * 6e4).filter((t) => naive - zoneOffsetMinutes(zone, t) * 6e4 === t);
  return valid.length ? Math.min(...valid) : naive - before * 6e4;
}

// src/model/types.ts
function emptyRecords() {
  return { calls: [], transfers: [], travel: [], subscribers: [], edges: [] };
}
function identifierKind(id) {
  return id.slice(0, id.indexOf(":"));
}
function identifierValue(id) {
  return id.slice(id.indexOf(":") + 1);
}
function isDisplayIdentifier(id) {
  return !id.includes("#");
}
var RESOLUTION_RULES = ["kyc", "imei", "document", "name", "swap"];

// src/graph/build.ts
import Graph from "graphology";
function interactions(e) {
  switch (e.layer) {
    case "calls":
      return e.calls + e.sms;
    case "money":
      return e.count;
    case "travel":
      return e.trips;
    case "links":
      return e.weight;
  }
}
var DEFAULT_BUILD_OPTIONS = { coTravelMaxGroup: 30 };
var DAY = 864e5;
function emptyEdge(layer) {
  return {
    layer,
    count: 0,
    calls: 0,
    sms: 0,
    seconds: 0,
    forward: 0,
    backward: 0,
    amounts: {},
    trips: 0,
    weight: 0,
    days: 0,
    first: Infinity,
    last: -Infinity,
    sources: []
  };
}
function edgeKey(layer, a, b) {
  return `${layer}|${a}|${b}`;
}
var MAX_ENTITIES = 1 << 22;
var LAYER_INDEX = { calls: 0, links: 1, money: 2, travel: 3 };
function buildGraph(records, resolution, options = DEFAULT_BUILD_OPTIONS) {
  const graph = new Graph({ type: "mixed", multi: true, allowSelfLoops: false });
  const ids = [];
  const indexOfEntity = /* @__PURE__ */ new Map();
  const indexOfIdentifier = /* @__PURE__ */ new Map();
  const nodes = [];
  const entity = (identifier) => {
    let i = indexOfIdentifier.get(identifier);
    if (i === void 0) {
      const id = resolution.entityOf.get(identifier) ?? identifier;
      i = indexOfEntity.get(id);
      if (i === void 0) {
        i = ids.length;
        if (i >= MAX_ENTITIES) throw new Error(`buildGraph: more than ${MAX_ENTITIES} entities`);
        indexOfEntity.set(id, i);
        ids.push(id);
        const e = resolution.entities.get(id);
        const attrs = {
          kind: e?.kind ?? "identifier",
          label: e?.label ?? id.slice(id.indexOf(":") + 1),
          identifiers: (e?.identifiers ?? [id]).filter(isDisplayIdentifier),
          names: e?.names ?? [],
          firstSeen: Infinity,
          lastSeen: -Infinity,
          selfContacts: 0
        };
        if (e?.dob) attrs.dob = e.dob;
        if (e?.nationality) attrs.nationality = e.nationality;
        nodes.push(attrs);
      }
      indexOfIdentifier.set(identifier, i);
    }
    return i;
  };
  const seen = (i, time2) => {
    if (time2 === void 0) return;
    const a = nodes[i];
    if (time2 < a.firstSeen) a.firstSeen = time2;
    if (time2 > a.lastSeen) a.lastSeen = time2;
  };
  const edges = /* @__PURE__ */ new Map();
  let forward = true;
  const touch = (layer, directed, a, b, time2, file, row) => {
    seen(a, time2);
    seen(b, time2);
    if (a === b) {
      nodes[a].selfContacts++;
      return null;
    }
    forward = directed || ids[a] < ids[b];
    const x = forward ? a : b;
    const y = forward ? b : a;
    const key = (x * MAX_ENTITIES + y) * 4 + LAYER_INDEX[layer];
    let edge = edges.get(key);
    if (!edge) edges.set(key, edge = { x, y, layer, directed, attrs: emptyEdge(layer), days: [] });
    const attrs = edge.attrs;
    attrs.sources.push(file, row);
    if (time2 !== void 0) {
      if (time2 < attrs.first) attrs.first = time2;
      if (time2 > attrs.last) attrs.last = time2;
      const day = Math.floor(time2 / DAY);
      if (edge.days[edge.days.length - 1] !== day) edge.days.push(day);
    }
    return attrs;
  };
  for (const c of records.calls) {
    const attrs = touch("calls", false, entity(c.caller), entity(c.callee), c.start, c.file, c.row);
    if (!attrs) continue;
    attrs.count++;
    if (c.type === "sms") attrs.sms++;
    else attrs.calls++;
    attrs.seconds += c.duration;
    if (forward) attrs.forward++;
    else attrs.backward++;
  }
  for (const t of records.transfers) {
    const attrs = touch("money", true, entity(t.from), entity(t.to), t.time, t.file, t.row);
    if (!attrs) continue;
    attrs.count++;
    attrs.amounts[t.currency] = round2((attrs.amounts[t.currency] ?? 0) + t.amount);
  }
  for (const e of records.edges) {
    const layer = e.type && /call|phone|sms/i.test(e.type) ? "calls" : e.type && /money|transfer|pay/i.test(e.type) ? "money" : "links";
    const attrs = touch(layer, layer === "money", entity(e.source), entity(e.target), e.time, e.file, e.row);
    if (!attrs) continue;
    attrs.count++;
    attrs.weight += e.weight;
    if (layer === "calls") attrs.calls += e.weight;
  }
  const journeys = /* @__PURE__ */ new Map();
  for (const t of records.travel) {
    const who = entity(t.traveller);
    seen(who, t.departure);
    const key = `${t.carrier}|${t.service}|${Math.floor(t.departure / DAY)}`;
    let list = journeys.get(key);
    if (!list) journeys.set(key, list = []);
    list.push({ traveller: who, file: t.file, row: t.row, time: t.departure });
  }
  for (const list of journeys.values()) {
    const people = [...new Set(list.map((l) => l.traveller))].sort((a, b) => ids[a] < ids[b] ? -1 : 1);
    if (people.length < 2 || people.length > options.coTravelMaxGroup) continue;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i];
        const b = people[j];
        const rows3 = list.filter((l) => l.traveller === a || l.traveller === b);
        let hit = null;
        for (const r of rows3) hit = touch("travel", false, a, b, r.time, r.file, r.row) ?? hit;
        if (hit) {
          hit.trips++;
          hit.count++;
        }
      }
    }
  }
  const order = ids.map((_, i) => i).sort((a, b) => ids[a] < ids[b] ? -1 : 1);
  for (const i of order) {
    const attrs = nodes[i];
    if (attrs.firstSeen === Infinity) {
      attrs.firstSeen = NaN;
      attrs.lastSeen = NaN;
    }
    graph.addNode(ids[i], attrs);
  }
  for (const edge of sortedEdges([...edges.values()], ids, order)) {
    const { x, y, layer, directed, attrs, days } = edge;
    attrs.days = days.length < 2 ? days.length : new Set(days).size;
    if (attrs.first === Infinity) {
      attrs.first = NaN;
      attrs.last = NaN;
    }
    const key = edgeKey(layer, ids[x], ids[y]);
    if (directed) graph.addDirectedEdgeWithKey(key, ids[x], ids[y], attrs);
    else graph.addUndirectedEdgeWithKey(key, ids[x], ids[y], attrs);
  }
  return graph;
}
function sortedEdges(list, ids, order) {
  if (ids.some((id) => id.includes("|")))
    return list.map((e) => ({ e, key: edgeKey(e.layer, ids[e.x], ids[e.y]) })).sort((a, b) => a.key < b.key ? -1 : 1).map(({ e }) => e);
  const plain = new Int32Array(ids.length);
  order.forEach((i, rank) => plain[i] = rank);
  const piped = new Int32Array(ids.length);
  ids.map((id, i) => [`${id}|`, i]).sort((a, b) => a[0] < b[0] ? -1 : 1).forEach(([, i], rank) => piped[i] = rank);
  return list.sort(
    (a, b) => LAYER_INDEX[a.layer] - LAYER_INDEX[b.layer] || piped[a.x] - piped[b.x] || plain[a.y] - plain[b.y]
  );
}
function round2(x) {
  return Math.round(x * 100) / 100;
}

// src/resolve/union-find.ts
var UnionFind = class {
  index = /* @__PURE__ */ new Map();
  keys = [];
  parent = [];
  size = [];
  add(key) {
    let i = this.index.get(key);
    if (i === void 0) {
      i = this.keys.length;
      this.index.set(key, i);
      this.keys.push(key);
      this.parent.push(i);
      this.size.push(1);
    }
    return i;
  }
  find(key) {
    let i = this.add(key);
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a, b) {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return true;
  }
  /** Groups of keys, each sorted, in order of their first key. */
  groups() {
    const byRoot = /* @__PURE__ */ new Map();
    for (const key of this.keys) {
      const root = this.find(key);
      let g = byRoot.get(root);
      if (!g) byRoot.set(root, g = []);
      g.push(key);
    }
    return [...byRoot.values()].map((g) => g.sort()).sort((a, b) => a[0] < b[0] ? -1 : 1);
  }
};

// src/resolve/sim-takeover.ts
var DAY2 = 864e5;
var MAX_SHARED_BY = 50;
function findTakeovers(calls, keyOf) {
  const ids = [];
  const indexOfKey = /* @__PURE__ */ new Map();
  const indexOfIdentifier = /* @__PURE__ */ new Map();
  const first = [];
  const last = [];
  const firstRow = [];
  const userOf = (identifier) => {
    let u = indexOfIdentifier.get(identifier);
    if (u === void 0) {
      const key = keyOf(identifier);
      u = indexOfKey.get(key);
      if (u === void 0) {
        u = ids.length;
        indexOfKey.set(key, u);
        ids.push(key);
        first.push(Infinity);
        last.push(-Infinity);
        firstRow.push({ file: 0, row: 0 });
      }
      indexOfIdentifier.set(identifier, u);
    }
    return u;
  };
  const ends = new Int32Array(calls.length * 2);
  let m = 0;
  for (const c of calls) {
    const a = userOf(c.caller);
    const b = userOf(c.callee);
    if (a === b) continue;
    for (const x of [a, b]) {
      if (c.start < first[x]) {
        first[x] = c.start;
        firstRow[x] = c;
      }
      if (c.start > last[x]) last[x] = c.start;
    }
    ends[m++] = a;
    ends[m++] = b;
  }
  const n2 = ids.length;
  const contacts = distinctContacts(n2, ends.subarray(0, m));
  const degree = (u) => contacts.start[u + 1] - contacts.start[u];
  const byContact = Array.from({ length: n2 }, () => []);
  for (let u = 0; u < n2; u++) {
    if (degree(u) < 3) continue;
    for (let k2 = contacts.start[u]; k2 < contacts.start[u + 1]; k2++) byContact[contacts.list[k2]].push(u);
  }
  for (const callers of byContact) if (callers.length > 1) callers.sort((a, b) => last[a] - last[b]);
  const out = [];
  const shared = /* @__PURE__ */ new Map();
  for (let newIndex = 0; newIndex < n2; newIndex++) {
    if (degree(newIndex) < 3) continue;
    shared.clear();
    const latestStop = first[newIndex] + 7 * DAY2;
    for (let k2 = contacts.start[newIndex]; k2 < contacts.start[newIndex + 1]; k2++) {
      const callers = byContact[contacts.list[k2]];
      if (callers.length > MAX_SHARED_BY) continue;
      for (const oldIndex of callers) {
        if (last[oldIndex] > latestStop) break;
        if (oldIndex !== newIndex && first[newIndex] >= first[oldIndex] + 7 * DAY2 && last[oldIndex] < last[newIndex])
          shared.set(oldIndex, (shared.get(oldIndex) ?? 0) + 1);
      }
    }
    for (const [oldIndex, count] of shared) {
      if (count < 3) continue;
      const union = degree(newIndex) + degree(oldIndex) - contacts.common(newIndex, oldIndex);
      const similarity = count / union;
      if (similarity < 0.5) continue;
      out.push({
        oldId: ids[oldIndex],
        newId: ids[newIndex],
        shared: count,
        similarity,
        oldLast: last[oldIndex],
        newFirst: first[newIndex],
        firstRow: firstRow[newIndex]
      });
    }
  }
  out.sort((a, b) => a.oldId < b.oldId ? -1 : a.oldId > b.oldId ? 1 : a.newId < b.newId ? -1 : 1);
  return out;
}
function distinctContacts(n2, ends) {
  const count = new Int32Array(n2 + 1);
  for (let i = 0; i < ends.length; i++) count[ends[i] + 1]++;
  for (let u = 0; u < n2; u++) count[u + 1] += count[u];
  const fill = count.slice(0, n2);
  const all = new Int32Array(ends.length);
  for (let i = 0; i < ends.length; i += 2) {
    const a = ends[i];
    const b = ends[i + 1];
    all[fill[a]++] = b;
    all[fill[b]++] = a;
  }
  const start = new Int32Array(n2 + 1);
  const list = new Int32Array(ends.length);
  let w = 0;
  for (let u = 0; u < n2; u++) {
    start[u] = w;
    const slice = all.subarray(count[u], count[u + 1]).sort();
    for (let k2 = 0; k2 < slice.length; k2++) if (k2 === 0 || slice[k2] !== slice[k2 - 1]) list[w++] = slice[k2];
  }
  start[n2] = w;
  return {
    start,
    list,
    /** How many contacts two numbers share (both lists are sorted). */
    common(a, b) {
      let i = start[a];
      let j = start[b];
      let c = 0;
      while (i < start[a + 1] && j < start[b + 1]) {
        if (list[i] === list[j]) {
          c++;
          i++;
          j++;
        } else if (list[i] < list[j]) i++;
        else j++;
      }
      return c;
    }
  };
}
function describeTakeover(t, label) {
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  return `${label(t.newId)} takes over from ${label(t.oldId)}: ${t.shared} shared contacts (similarity ${t.similarity.toFixed(2)}), starting ${day(t.newFirst)} as the old number stops ${day(t.oldLast)}`;
}

// src/resolve/resolve.ts
var DEFAULT_RESOLVE_OPTIONS = { rules: [...RESOLUTION_RULES], exclude: [] };
var MAX_SOURCES_PER_MERGE = 20;
var PRIORITY = { ref: 0, doc: 1, tel: 2, acct: 3, name: 4, imei: 5, node: 6 };
function compareIdentifiers(a, b) {
  const pa = PRIORITY[identifierKind(a)] ?? 9;
  const pb = PRIORITY[identifierKind(b)] ?? 9;
  return pa - pb || (a < b ? -1 : a > b ? 1 : 0);
}
var MergeLog = class {
  byKey = /* @__PURE__ */ new Map();
  add(id, rule, a, b, source, reason) {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${id}\0${x}\0${y}`;
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, m = { id, rule, a: x, b: y, sources: [], reason, rowCount: 0 });
    m.rowCount++;
    if (m.sources.length < MAX_SOURCES_PER_MERGE) m.sources.push(source);
  }
  list() {
    return [...this.byKey.values()].map(({ rowCount, ...m }) => ({
      ...m,
      reason: rowCount > m.sources.length ? `${m.reason} (${rowCount} rows; first ${m.sources.length} kept)` : m.reason
    })).sort((p, q) => p.id < q.id ? -1 : p.id > q.id ? 1 : p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1);
  }
};
function resolveEntities(records, options = DEFAULT_RESOLVE_OPTIONS) {
  for (const rule of options.rules) {
    if (!RESOLUTION_RULES.includes(rule)) {
      throw appError("resolve", `unknown rule "${rule}"; expected one of ${RESOLUTION_RULES.join(", ")}`);
    }
  }
  const on = new Set(options.rules);
  const excluded = new Set(options.exclude);
  const uf = new UnionFind();
  const log = new MergeLog();
  const info = /* @__PURE__ */ new Map();
  const infoOf = (id) => {
    let i = info.get(id);
    if (!i) info.set(id, i = { names: /* @__PURE__ */ new Map(), organisation: false, kyc: false });
    return i;
  };
  const addName = (id, name) => {
    if (!name) return;
    const names = infoOf(id).names;
    names.set(name, (names.get(name) ?? 0) + 1);
  };
  const link = (id, rule, a, b, source, reason) => {
    uf.add(a);
    uf.add(b);
    if (!on.has(rule) || excluded.has(id)) return;
    log.add(id, rule, a, b, { file: source.file, row: source.row }, reason);
    uf.union(a, b);
  };
  for (const c of records.calls) {
    uf.add(c.caller);
    uf.add(c.callee);
    if (c.imei)
      link(
        `imei:${identifierValue(c.imei)}`,
        "imei",
        c.imei,
        c.caller,
        c,
        `${identifierValue(c.caller)} was used in handset ${identifierValue(c.imei)}`
      );
  }
  for (const t of records.transfers) {
    uf.add(t.from);
    uf.add(t.to);
    addName(t.from, t.fromName);
    addName(t.to, t.toName);
  }
  for (const e of records.edges) {
    uf.add(e.source);
    uf.add(e.target);
  }
  const kycNames = /* @__PURE__ */ new Map();
  for (const s of records.subscribers) {
    const anchor = [...s.identifiers].sort(compareIdentifiers)[0];
    const id = `kyc:${identifierValue(anchor)}`;
    for (const other of s.identifiers) {
      uf.add(other);
      if (other !== anchor)
        link(
          id,
          "kyc",
          anchor,
          other,
          s,
          `register row lists ${identifierValue(other)} for ${s.name ?? identifierValue(anchor)}`
        );
    }
    const i = infoOf(anchor);
    i.kyc = true;
    if (s.entityType === "organisation") i.organisation = true;
    if (s.dob) i.dob ??= s.dob;
    addName(anchor, s.name);
    if (s.nameKey) {
      let set = kycNames.get(s.nameKey);
      if (!set) kycNames.set(s.nameKey, set = /* @__PURE__ */ new Set());
      set.add(anchor);
    }
  }
  const docNames = /* @__PURE__ */ new Map();
  const firstDocRow = /* @__PURE__ */ new Map();
  const nameOnly = [];
  for (const t of records.travel) {
    uf.add(t.traveller);
    addName(t.traveller, t.name);
    const i = infoOf(t.traveller);
    if (t.dob) i.dob ??= t.dob;
    if (t.nationality) i.nationality ??= t.nationality;
    if (t.document) {
      link(
        `document:${identifierValue(t.document)}`,
        "document",
        t.document,
        t.traveller,
        t,
        `"${t.name}" travelled on document ${identifierValue(t.document)}`
      );
      let set = docNames.get(t.nameKey);
      if (!set) docNames.set(t.nameKey, set = /* @__PURE__ */ new Set());
      set.add(t.document);
      if (!firstDocRow.has(t.document)) firstDocRow.set(t.document, t);
    } else nameOnly.push({ id: t.traveller, key: t.nameKey, dob: t.dob, row: t });
  }
  const dobOf = (id) => info.get(id)?.dob;
  const unique = (set) => {
    if (!set) return null;
    const roots = new Set([...set].map((x) => uf.find(x)));
    return roots.size === 1 ? [...set].sort()[0] : null;
  };
  if (on.has("name")) {
    for (const [key, docs] of docNames) {
      if (!key.includes(" ")) continue;
      const doc = unique(docs);
      const kyc = unique(kycNames.get(key));
      if (doc && kyc && !(dobOf(doc) && dobOf(kyc) && dobOf(doc) !== dobOf(kyc))) {
        link(
          `name:${key}`,
          "name",
          kyc,
          doc,
          firstDocRow.get(doc),
          `the only register subject named "${key}" matches the holder of ${identifierValue(doc)}`
        );
      }
    }
    for (const n2 of nameOnly) {
      if (!n2.key.includes(" ")) continue;
      const candidates = /* @__PURE__ */ new Set([...docNames.get(n2.key) ?? [], ...kycNames.get(n2.key) ?? []]);
      const target = unique(candidates);
      if (target && !(n2.dob && dobOf(target) && n2.dob !== dobOf(target))) {
        link(
          `name:${n2.key}`,
          "name",
          target,
          n2.id,
          n2.row,
          `the traveller "${n2.key}" has no document; one known subject has that name`
        );
      }
    }
  }
  if (on.has("swap")) linkSimSwaps(records, uf, link);
  const entities = /* @__PURE__ */ new Map();
  const entityOf = /* @__PURE__ */ new Map();
  for (const group of uf.groups()) {
    const ids = group.sort(compareIdentifiers);
    const primary = ids.find((i) => identifierKind(i) !== "imei") ?? ids[0];
    const names = /* @__PURE__ */ new Map();
    let organisation = false;
    let person = false;
    let dob;
    let nationality;
    let kycName;
    for (const id of ids) {
      entityOf.set(id, primary);
      const i = info.get(id);
      const kind2 = identifierKind(id);
      if (kind2 === "ref" || kind2 === "doc" || kind2 === "name") person = true;
      if (!i) continue;
      if (i.organisation) organisation = true;
      if (i.kyc) person = true;
      dob ??= i.dob;
      nationality ??= i.nationality;
      for (const [name, n2] of i.names) {
        names.set(name, (names.get(name) ?? 0) + n2);
        if (i.kyc && !kycName) kycName = name;
      }
    }
    const byUse = [...names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n2]) => n2);
    const kind = organisation ? "organisation" : person || ids.length > 1 ? "person" : "identifier";
    const entity = {
      id: primary,
      kind,
      label: kycName ?? byUse[0] ?? identifierValue(primary),
      identifiers: ids,
      names: [...names.keys()].sort()
    };
    if (dob) entity.dob = dob;
    if (nationality) entity.nationality = nationality;
    entities.set(primary, entity);
  }
  return { entities, entityOf, merges: log.list() };
}
function linkSimSwaps(records, uf, link) {
  const representative = /* @__PURE__ */ new Map();
  const rep = (id) => {
    const root = uf.find(id);
    let key = representative.get(root);
    if (key === void 0) representative.set(root, key = id);
    return key;
  };
  for (const t of findTakeovers(records.calls, rep)) {
    if (uf.find(t.oldId) === uf.find(t.newId)) continue;
    link(
      `swap:${identifierValue(t.newId)}`,
      "swap",
      t.oldId,
      t.newId,
      t.firstRow,
      describeTakeover(t, identifierValue)
    );
  }
}

// src/lib/rng.ts
function createRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function shuffle(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// src/analysis/csr.ts
var Arcs = class {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  weight = new Float64Array(1024);
  m = 0;
  add(i, j, w) {
    if (i === j) return;
    if (this.m + 2 > this.from.length) {
      const grow = (x) => {
        const y = new x.constructor(x.length * 2);
        y.set(x);
        return y;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.weight = grow(this.weight);
    }
    const { from, to, weight } = this;
    from[this.m] = i;
    to[this.m] = j;
    weight[this.m++] = w;
    from[this.m] = j;
    to[this.m] = i;
    weight[this.m++] = w;
  }
  /** Rows bucketed by source (counting sort), each sorted by neighbour with duplicates merged. */
  toCsr(ids, index) {
    const { from, to, weight, m } = this;
    const n2 = ids.length;
    const start = new Int32Array(n2 + 1);
    for (let k2 = 0; k2 < m; k2++) start[from[k2] + 1]++;
    for (let i = 0; i < n2; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n2);
    const rowTargets = new Int32Array(m);
    const rowWeights = new Float64Array(m);
    for (let k2 = 0; k2 < m; k2++) {
      const at = fill[from[k2]]++;
      rowTargets[at] = to[k2];
      rowWeights[at] = weight[k2];
    }
    const offsets = new Int32Array(n2 + 1);
    const targets = new Int32Array(m);
    const weights = new Float64Array(m);
    let out = 0;
    const order = [];
    for (let i = 0; i < n2; i++) {
      order.length = 0;
      for (let k2 = start[i]; k2 < start[i + 1]; k2++) order.push(k2);
      order.sort((x, y) => rowTargets[x] - rowTargets[y]);
      for (const k2 of order) {
        if (out > offsets[i] && targets[out - 1] === rowTargets[k2]) weights[out - 1] += rowWeights[k2];
        else {
          targets[out] = rowTargets[k2];
          weights[out++] = rowWeights[k2];
        }
      }
      offsets[i + 1] = out;
    }
    return { ids, index, offsets, targets: targets.slice(0, out), weights: weights.slice(0, out) };
  }
};
function degreeOf(csr, i) {
  return csr.offsets[i + 1] - csr.offsets[i];
}

// src/analysis/centrality.ts
var DEFAULT_CENTRALITY_OPTIONS = {
  exactLimit: 5e3,
  samples: 500,
  sampleWork: 1e8,
  seed: 1,
  unweighted: false,
  damping: 0.85,
  tolerance: 1e-10,
  maxIterations: 1e3
};
function strengths(csr) {
  const n2 = csr.ids.length;
  const s = new Float64Array(n2);
  for (let i = 0; i < n2; i++) for (let k2 = csr.offsets[i]; k2 < csr.offsets[i + 1]; k2++) s[i] += csr.weights[k2];
  return s;
}
function pagerank(csr, damping = 0.85, tolerance = 1e-10, maxIterations = 1e3) {
  const n2 = csr.ids.length;
  if (n2 === 0) return new Float64Array();
  const { offsets, targets, weights } = csr;
  const s = strengths(csr);
  let rank = new Float64Array(n2).fill(1 / n2);
  let next = new Float64Array(n2);
  const share = new Float64Array(n2);
  for (let iter = 0; iter < maxIterations; iter++) {
    let dangling = 0;
    for (let i = 0; i < n2; i++) {
      if (s[i] === 0) {
        dangling += rank[i];
        share[i] = 0;
      } else share[i] = damping * rank[i] / s[i];
    }
    const base = (1 - damping) / n2 + damping * dangling / n2;
    let delta = 0;
    for (let i = 0; i < n2; i++) {
      let sum2 = 0;
      for (let k2 = offsets[i], end = offsets[i + 1]; k2 < end; k2++) sum2 += share[targets[k2]] * weights[k2];
      const value = base + sum2;
      next[i] = value;
      delta += Math.abs(value - rank[i]);
    }
    [rank, next] = [next, rank];
    if (delta < tolerance) break;
  }
  return rank;
}
function eigenvector(csr, tolerance = 1e-10, maxIterations = 1e3) {
  const n2 = csr.ids.length;
  let x = new Float64Array(n2).fill(1);
  let y = new Float64Array(n2);
  for (let iter = 0; iter < maxIterations; iter++) {
    for (let i = 0; i < n2; i++) {
      let sum2 = x[i];
      for (let k2 = csr.offsets[i]; k2 < csr.offsets[i + 1]; k2++) sum2 += csr.weights[k2] * x[csr.targets[k2]];
      y[i] = sum2;
    }
    let max = 0;
    for (let i = 0; i < n2; i++) if (y[i] > max) max = y[i];
    if (max === 0) return new Float64Array(n2);
    let delta = 0;
    for (let i = 0; i < n2; i++) {
      y[i] /= max;
      delta += Math.abs(y[i] - x[i]);
    }
    [x, y] = [y, x];
    if (delta < tolerance * n2) break;
  }
  return x;
}
var Heap = class {
  prio;
  node;
  size = 0;
  constructor(capacity) {
    this.prio = new Float64Array(capacity);
    this.node = new Int32Array(capacity);
  }
  push(p, v) {
    const { prio, node } = this;
    let i = this.size++;
    while (i > 0) {
      const up = i - 1 >> 1;
      if (prio[up] < p || prio[up] === p && node[up] <= v) break;
      prio[i] = prio[up];
      node[i] = node[up];
      i = up;
    }
    prio[i] = p;
    node[i] = v;
  }
  /** Removes the top; read it first with topPriority / topNode. */
  pop() {
    const { prio, node } = this;
    const n2 = --this.size;
    const lastP = prio[n2];
    const lastV = node[n2];
    if (n2 === 0) return;
    let i = 0;
    for (; ; ) {
      let c = 2 * i + 1;
      if (c >= n2) break;
      if (c + 1 < n2 && (prio[c + 1] < prio[c] || prio[c + 1] === prio[c] && node[c + 1] < node[c])) c++;
      if (prio[c] > lastP || prio[c] === lastP && node[c] >= lastV) break;
      prio[i] = prio[c];
      node[i] = node[c];
      i = c;
    }
    prio[i] = lastP;
    node[i] = lastV;
  }
  get topPriority() {
    return this.prio[0];
  }
  get topNode() {
    return this.node[0];
  }
};
function betweennessAndCloseness(csr, options = DEFAULT_CENTRALITY_OPTIONS) {
  const n2 = csr.ids.length;
  const betweenness = new Float64Array(n2);
  const closeness = new Float64Array(n2);
  if (n2 === 0) return { betweenness, closeness, sampled: false, sources: 0 };
  let sources = Array.from({ length: n2 }, (_, i) => i);
  const budget = Math.max(50, Math.floor((options.sampleWork ?? Infinity) / Math.max(1, csr.targets.length)));
  const samples = Math.min(options.samples, budget);
  const sampled = n2 > options.exactLimit && samples < n2;
  if (sampled)
    sources = shuffle(sources, createRng(options.seed)).slice(0, samples).sort((a, b) => a - b);
  const dist = new Float64Array(n2);
  const sigma = new Float64Array(n2);
  const delta = new Float64Array(n2);
  const order = new Int32Array(n2);
  const predHead = new Int32Array(n2);
  const predNext = new Int32Array(csr.targets.length + 1);
  const predNode = new Int32Array(csr.targets.length + 1);
  const queue = new Int32Array(n2);
  const heap = new Heap(csr.targets.length + 1);
  const done = new Uint8Array(n2);
  const EPS = 1e-12;
  for (const s of sources) {
    dist.fill(Infinity);
    sigma.fill(0);
    delta.fill(0);
    predHead.fill(-1);
    let pool = 0;
    let count = 0;
    dist[s] = 0;
    sigma[s] = 1;
    if (options.unweighted) {
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const v = queue[head++];
        order[count++] = v;
        for (let k2 = csr.offsets[v]; k2 < csr.offsets[v + 1]; k2++) {
          const w = csr.targets[k2];
          if (dist[w] === Infinity) {
            dist[w] = dist[v] + 1;
            queue[tail++] = w;
          }
          if (dist[w] === dist[v] + 1) {
            sigma[w] += sigma[v];
            predNode[pool] = v;
            predNext[pool] = predHead[w];
            predHead[w] = pool++;
          }
        }
      }
    } else {
      heap.size = 0;
      done.fill(0);
      heap.push(0, s);
      while (heap.size) {
        const d = heap.topPriority;
        const v = heap.topNode;
        heap.pop();
        if (done[v] || d > dist[v]) continue;
        done[v] = 1;
        order[count++] = v;
        for (let k2 = csr.offsets[v]; k2 < csr.offsets[v + 1]; k2++) {
          const w = csr.targets[k2];
          const nd = d + 1 / csr.weights[k2];
          const old = dist[w];
          if (old === Infinity || nd < old - EPS * old) {
            dist[w] = nd;
            sigma[w] = sigma[v];
            predNode[pool] = v;
            predNext[pool] = -1;
            predHead[w] = pool++;
            heap.push(nd, w);
          } else if (Math.abs(nd - old) <= EPS * old && !done[w]) {
            sigma[w] += sigma[v];
            predNode[pool] = v;
            predNext[pool] = predHead[w];
            predHead[w] = pool++;
          }
        }
      }
    }
    for (let idx = count - 1; idx >= 0; idx--) {
      const w = order[idx];
      if (w !== s) closeness[w] += 1 / dist[w];
      for (let p = predHead[w]; p !== -1; p = predNext[p]) {
        const v = predNode[p];
        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      if (w !== s) betweenness[w] += delta[w];
    }
  }
  const scale = sampled ? n2 / sources.length : 1;
  for (let i = 0; i < n2; i++) {
    betweenness[i] = betweenness[i] * scale / 2;
    closeness[i] = n2 > 1 ? closeness[i] * scale / (n2 - 1) : 0;
  }
  return { betweenness, closeness, sampled, sources: sources.length };
}
function computeCentralities(csr, options = {}, time2 = untimed) {
  const o = { ...DEFAULT_CENTRALITY_OPTIONS, ...options };
  if (!(o.damping > 0 && o.damping < 1))
    throw appError("centrality", `damping is ${o.damping}; expected a number between 0 and 1`);
  if (!(o.exactLimit >= 0) || !(o.samples >= 1)) throw appError("centrality", "exactLimit must be \u2265 0 and samples \u2265 1");
  const n2 = csr.ids.length;
  const degree = new Float64Array(n2);
  for (let i = 0; i < n2; i++) degree[i] = degreeOf(csr, i);
  const b = time2("betweenness", () => betweennessAndCloseness(csr, o));
  return {
    degree,
    strength: strengths(csr),
    pagerank: time2("pagerank", () => pagerank(csr, o.damping, o.tolerance, o.maxIterations)),
    eigenvector: time2("eigenvector", () => eigenvector(csr, o.tolerance, o.maxIterations)),
    betweenness: b.betweenness,
    closeness: b.closeness,
    sampled: b.sampled,
    sources: b.sources
  };
}

// src/analysis/louvain.ts
var MIN_GAIN = 1e-7;
function louvainCsr(csr, resolution = 1, seed = 1) {
  const n0 = csr.ids.length;
  let level = {
    n: n0,
    offsets: csr.offsets,
    targets: csr.targets,
    weights: csr.weights,
    loops: new Float64Array(n0)
  };
  let m2 = 0;
  for (let k2 = 0; k2 < csr.weights.length; k2++) m2 += csr.weights[k2];
  const membership2 = new Int32Array(n0);
  for (let i = 0; i < n0; i++) membership2[i] = i;
  if (m2 === 0) return { membership: membership2, count: n0, modularity: 0 };
  const rng = createRng(seed);
  for (; ; ) {
    const { community, count: count2, moved } = moveNodes(level, m2, resolution, rng);
    if (!moved) break;
    for (let i = 0; i < n0; i++) membership2[i] = community[membership2[i]];
    level = aggregate(level, community, count2);
  }
  const count = renumber(membership2);
  return { membership: membership2, count, modularity: modularity(csr, membership2, count, resolution) };
}
function modularity(csr, membership2, count, resolution = 1) {
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  let m2 = 0;
  for (let i = 0; i < csr.ids.length; i++) {
    const c = membership2[i];
    for (let k2 = csr.offsets[i]; k2 < csr.offsets[i + 1]; k2++) {
      const w = csr.weights[k2];
      total[c] += w;
      m2 += w;
      if (membership2[csr.targets[k2]] === c) inside[c] += w;
    }
  }
  if (m2 === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / m2 - resolution * (total[c] / m2) ** 2;
  return q;
}
function moveNodes(g, m2, resolution, rng) {
  const { n: n2, offsets, targets, weights, loops } = g;
  const strength = new Float64Array(n2);
  for (let i = 0; i < n2; i++) {
    let s = loops[i];
    for (let k2 = offsets[i]; k2 < offsets[i + 1]; k2++) s += weights[k2];
    strength[i] = s;
  }
  const community = new Int32Array(n2);
  const total = new Float64Array(n2);
  for (let i = 0; i < n2; i++) {
    community[i] = i;
    total[i] = strength[i];
  }
  const toCommunity = new Float64Array(n2).fill(-1);
  const touched = new Int32Array(n2);
  const order = shuffle(
    Array.from({ length: n2 }, (_, i) => i),
    rng
  );
  let moved = false;
  for (; ; ) {
    let gain = 0;
    let moves = 0;
    for (const i of order) {
      const own = community[i];
      const ki = strength[i];
      let touchedCount = 0;
      toCommunity[own] = 0;
      touched[touchedCount++] = own;
      for (let k2 = offsets[i]; k2 < offsets[i + 1]; k2++) {
        const c = community[targets[k2]];
        if (toCommunity[c] === -1) {
          toCommunity[c] = 0;
          touched[touchedCount++] = c;
        }
        toCommunity[c] += weights[k2];
      }
      total[own] -= ki;
      const scale = resolution * ki / m2;
      const stay = toCommunity[own] - scale * total[own];
      let best = own;
      let bestGain = stay;
      for (let t = 0; t < touchedCount; t++) {
        const c = touched[t];
        const g2 = toCommunity[c] - scale * total[c];
        if (g2 > bestGain) {
          best = c;
          bestGain = g2;
        }
      }
      total[best] += ki;
      if (best !== own) {
        community[i] = best;
        gain += 2 * (bestGain - stay) / m2;
        moves++;
      }
      for (let t = 0; t < touchedCount; t++) toCommunity[touched[t]] = -1;
    }
    if (moves > 0) moved = true;
    if (moves === 0 || gain < MIN_GAIN) break;
  }
  const count = renumber(community);
  return { community, count, moved: moved && count < n2 };
}
function renumber(community) {
  const id = new Int32Array(community.length).fill(-1);
  let count = 0;
  for (let i = 0; i < community.length; i++) {
    const c = community[i];
    if (id[c] === -1) id[c] = count++;
    community[i] = id[c];
  }
  return count;
}
function aggregate(g, community, count) {
  const loops = new Float64Array(count);
  const members = Array.from({ length: count }, () => []);
  for (let i = 0; i < g.n; i++) {
    members[community[i]].push(i);
    loops[community[i]] += g.loops[i];
  }
  const offsets = new Int32Array(count + 1);
  const targetList = [];
  const weightList = [];
  const acc = new Float64Array(count);
  const seen = new Int32Array(count).fill(-1);
  const touched = [];
  for (let c = 0; c < count; c++) {
    touched.length = 0;
    for (const i of members[c]) {
      for (let k2 = g.offsets[i]; k2 < g.offsets[i + 1]; k2++) {
        const d = community[g.targets[k2]];
        if (d === c) {
          loops[c] += g.weights[k2];
          continue;
        }
        if (seen[d] !== c) {
          seen[d] = c;
          acc[d] = 0;
          touched.push(d);
        }
        acc[d] += g.weights[k2];
      }
    }
    touched.sort((a, b) => a - b);
    for (const d of touched) {
      targetList.push(d);
      weightList.push(acc[d]);
    }
    offsets[c + 1] = targetList.length;
  }
  return {
    n: count,
    offsets,
    targets: Int32Array.from(targetList),
    weights: Float64Array.from(weightList),
    loops
  };
}

// src/analysis/communities.ts
var DEFAULT_COMMUNITY_OPTIONS = { resolution: 1, seed: 1 };
function detectCommunities(csr, options = {}) {
  const o = { ...DEFAULT_COMMUNITY_OPTIONS, ...options };
  if (!(o.resolution > 0)) throw appError("communities", `resolution is ${o.resolution}; expected a positive number`);
  const n2 = csr.ids.length;
  const result2 = louvainCsr(csr, o.resolution, o.seed);
  const membership2 = new Int32Array(n2);
  const groups = /* @__PURE__ */ new Map();
  for (let i = 0; i < n2; i++) {
    const c = result2.membership[i];
    let g = groups.get(c);
    if (!g) groups.set(c, g = []);
    g.push(i);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
  ordered.forEach((members, c) => members.forEach((i) => membership2[i] = c));
  return { membership: membership2, count: ordered.length, modularity: result2.modularity };
}

// src/analysis/projection.ts
var LAYER_WEIGHTS = { calls: 1, money: 2, travel: 3, links: 1 };
var REPEAT_MIN = 2;
var SERVICE_CONTACTS = 20;
var SERVICE_DISCOUNT = 0.9;
function serviceLikeness(f) {
  return f.oneOffShare * Math.min(1, f.contacts / SERVICE_CONTACTS) * (1 - f.reciprocity / 2);
}
function project(graph) {
  const ids = graph.nodes().sort();
  const n2 = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const features = ids.map((id) => ({
    contacts: 0,
    repeatedContacts: 0,
    oneOffShare: 0,
    reciprocity: 0,
    organisation: graph.getNodeAttribute(id, "kind") === "organisation",
    callsOut: 0,
    callsIn: 0,
    moneyIn: 0,
    moneyOut: 0,
    transfersIn: 0,
    transfersOut: 0,
    trips: 0
  }));
  const size = graph.size;
  const pi = new Int32Array(size);
  const pj = new Int32Array(size);
  const inter = new Float64Array(size);
  const strength = new Float64Array(size);
  const ab = new Float64Array(size);
  const ba = new Float64Array(size);
  const flags = new Uint8Array(size);
  let k2 = 0;
  graph.forEachEdge((_key, e, source, target) => {
    const si = index.get(source);
    const ti = index.get(target);
    const forwardIsAb = si < ti;
    pi[k2] = forwardIsAb ? si : ti;
    pj[k2] = forwardIsAb ? ti : si;
    const fs = features[si];
    const ft = features[ti];
    const count = interactions(e);
    inter[k2] = count;
    strength[k2] = LAYER_WEIGHTS[e.layer] * count;
    let flag = e.layer === "travel" ? 0 : 2;
    switch (e.layer) {
      case "calls": {
        ab[k2] = forwardIsAb ? e.forward : e.backward;
        ba[k2] = forwardIsAb ? e.backward : e.forward;
        if (e.forward === 0 && e.backward === 0) flag |= 1;
        fs.callsOut += e.forward;
        ft.callsIn += e.forward;
        ft.callsOut += e.backward;
        fs.callsIn += e.backward;
        break;
      }
      case "money": {
        if (forwardIsAb) ab[k2] = e.count;
        else ba[k2] = e.count;
        let total = 0;
        for (const c in e.amounts) total += e.amounts[c];
        fs.moneyOut += total;
        fs.transfersOut += e.count;
        ft.moneyIn += total;
        ft.transfersIn += e.count;
        break;
      }
      case "travel":
        flag |= 1;
        fs.trips += e.trips;
        ft.trips += e.trips;
        break;
      case "links":
        flag |= 1;
        break;
    }
    flags[k2] = flag;
    k2++;
  });
  const byPair = countingSort(countingSort(identity(size), pj, n2), pi, n2);
  const oneOff = new Float64Array(n2);
  const reciprocal = new Float64Array(n2);
  const pairs = [];
  for (let s = 0; s < size; ) {
    const first = byPair[s];
    const i = pi[first];
    const j = pj[first];
    let pairInter = 0;
    let pairStrength = 0;
    let pairAb = 0;
    let pairBa = 0;
    let mutual = false;
    let travelOnly = true;
    let earliest = first;
    for (; s < size && pi[byPair[s]] === i && pj[byPair[s]] === j; s++) {
      const e = byPair[s];
      pairInter += inter[e];
      pairStrength += strength[e];
      pairAb += ab[e];
      pairBa += ba[e];
      if (flags[e] & 1) mutual = true;
      if (flags[e] & 2) travelOnly = false;
      if (e < earliest) earliest = e;
    }
    pairs.push({ i, j, strength: pairStrength, first: earliest });
    if (travelOnly) continue;
    const isReciprocal = mutual || pairAb > 0 && pairBa > 0;
    const repeated = pairInter >= REPEAT_MIN;
    for (const x of [i, j]) {
      const f = features[x];
      f.contacts++;
      if (repeated) f.repeatedContacts++;
      else oneOff[x]++;
      if (isReciprocal) reciprocal[x]++;
    }
  }
  features.forEach((f, i) => {
    f.oneOffShare = f.contacts ? oneOff[i] / f.contacts : 0;
    f.reciprocity = f.contacts ? reciprocal[i] / f.contacts : 0;
  });
  const service = features.map(serviceLikeness);
  const combined = new Arcs();
  const discounted = new Arcs();
  pairs.sort((a, b) => a.first - b.first);
  for (const p of pairs) {
    combined.add(p.i, p.j, p.strength);
    discounted.add(p.i, p.j, p.strength * (1 - SERVICE_DISCOUNT * Math.max(service[p.i], service[p.j])));
  }
  const csr = combined.toCsr(ids, index);
  const core = discounted.toCsr(ids, index);
  return { ids, csr, core, features };
}
function identity(size) {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = i;
  return out;
}
function countingSort(items, keyOf, range) {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < items.length; i++) start[keyOf[items[i]] + 1]++;
  for (let r = 0; r < range; r++) start[r + 1] += start[r];
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[start[keyOf[items[i]]]++] = items[i];
  return out;
}

// src/analysis/ranking.ts
var SCORE_WEIGHTS = { betweenness: 0.35, eigenvector: 0.3, strength: 0.2, pagerank: 0.15 };
var HUB_PENALTY_WEIGHT = 0.85;
var ORGANISATION_PENALTY = 0.5;
function normalised(values) {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max > 0 ? values.map((v) => v / max) : new Float64Array(values.length);
}
function ranks(values) {
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  const r = new Int32Array(values.length);
  order.forEach((node, i) => r[node] = i + 1);
  return r;
}
function rankNodes(core, features) {
  const factors = {
    betweenness: normalised(core.betweenness),
    eigenvector: normalised(core.eigenvector),
    strength: normalised(core.strength),
    pagerank: normalised(core.pagerank)
  };
  const factorRanks = {
    betweenness: ranks(core.betweenness),
    eigenvector: ranks(core.eigenvector),
    strength: ranks(core.strength),
    pagerank: ranks(core.pagerank)
  };
  const ranked = features.map((f, i) => {
    const contributions = {};
    let base = 0;
    for (const factor of Object.keys(SCORE_WEIGHTS)) {
      contributions[factor] = SCORE_WEIGHTS[factor] * factors[factor][i];
      base += contributions[factor];
    }
    const service = serviceLikeness(f);
    const penalty = Math.min(1, service + (f.organisation ? ORGANISATION_PENALTY : 0));
    return {
      index: i,
      score: base * (1 - HUB_PENALTY_WEIGHT * penalty),
      base,
      penalty,
      serviceLikeness: service,
      contributions,
      factorRanks: {
        betweenness: factorRanks.betweenness[i],
        eigenvector: factorRanks.eigenvector[i],
        strength: factorRanks.strength[i],
        pagerank: factorRanks.pagerank[i]
      }
    };
  });
  return ranked.sort((a, b) => b.score - a.score || a.index - b.index);
}
var FACTOR_WORDS = {
  betweenness: (r) => `bridges otherwise separate parts of the network (brokerage #${r})`,
  eigenvector: (r) => `tied closely to other central people (inner circle #${r})`,
  strength: (r) => `heavy, repeated two-way contact (contact volume #${r})`,
  pagerank: (r) => `many paths of contact lead to them (influence #${r})`
};
function explain(node, f) {
  const top2 = Object.keys(SCORE_WEIGHTS).filter((k2) => node.contributions[k2] > 0).sort((a, b) => node.contributions[b] - node.contributions[a]).slice(0, 2).map((k2) => FACTOR_WORDS[k2](node.factorRanks[k2]));
  const parts2 = [...top2];
  const facts = [`${f.repeatedContacts} of ${f.contacts} contacts repeated`];
  if (f.transfersIn) facts.push(`${f.transfersIn} transfers in`);
  if (f.transfersOut) facts.push(`${f.transfersOut} transfers out`);
  if (f.trips) facts.push(`${f.trips} shared journeys`);
  parts2.push(facts.join(", "));
  if (node.penalty >= 0.2) {
    const why = [];
    if (node.serviceLikeness >= 0.1) why.push(`${Math.round(f.oneOffShare * 100)}% one-off contacts`);
    if (f.organisation) why.push("registered as an organisation");
    parts2.push(
      `down-weighted ${Math.round(HUB_PENALTY_WEIGHT * node.penalty * 100)}% as a likely service hub (${why.join("; ")})`
    );
  }
  return parts2.join("; ");
}

// src/analysis/analyse.ts
var DEFAULT_ANALYSIS_OPTIONS = {
  seed: 1,
  resolution: 1,
  exactLimit: DEFAULT_CENTRALITY_OPTIONS.exactLimit,
  samples: DEFAULT_CENTRALITY_OPTIONS.samples
};
var LAYER_ORDER = ["calls", "money", "travel", "links"];
function analyse(graph, options = {}, time2 = untimed) {
  const o = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
  const projection2 = time2("project", () => project(graph));
  const { ids, features } = projection2;
  const communities = time2(
    "louvain",
    () => detectCommunities(projection2.csr, { resolution: o.resolution, seed: o.seed })
  );
  const strength = strengths(projection2.csr);
  const core = computeCentralities(
    projection2.core,
    { exactLimit: o.exactLimit, samples: o.samples, seed: o.seed },
    time2
  );
  const ranked = time2("ranking", () => rankNodes(core, features));
  const metrics = /* @__PURE__ */ new Map();
  ranked.forEach((r, position) => {
    const i = r.index;
    metrics.set(ids[i], {
      rank: position + 1,
      score: r.score,
      community: communities.membership[i],
      degree: degreeOf(projection2.csr, i),
      strength: strength[i],
      betweenness: core.betweenness[i],
      closeness: core.closeness[i],
      eigenvector: core.eigenvector[i],
      pagerank: core.pagerank[i],
      hubPenalty: r.penalty,
      features: features[i],
      why: explain(r, features[i]),
      role: "",
      roleConfidence: 0,
      roleReasons: ""
    });
  });
  const ranking = ranked.map((r) => ids[r.index]);
  const summaries = Array.from({ length: communities.count }, (_, id) => ({
    id,
    size: 0,
    layers: { calls: 0, money: 0, travel: 0, links: 0 },
    top: []
  }));
  for (const id of ranking) summaries[metrics.get(id).community].size++;
  for (const id of ranking) {
    const s = summaries[metrics.get(id).community];
    if (s.top.length < 5) s.top.push(id);
  }
  graph.forEachEdge((_k, e, a, b) => {
    const ca = metrics.get(a).community;
    if (ca === metrics.get(b).community) summaries[ca].layers[e.layer]++;
  });
  return {
    ranking,
    metrics,
    communities: summaries,
    modularity: communities.modularity,
    betweennessSampled: core.sampled,
    betweennessSources: core.sources
  };
}
function describeEdge(layer, e) {
  switch (layer) {
    case "calls":
      return `${e.calls} calls (${Math.round(e.seconds / 60)} min), ${e.sms} SMS`;
    case "money":
      return `${e.count} transfers, ${Object.entries(e.amounts).sort().map(([c, a]) => `${a.toFixed(2)} ${c}`).join(" + ")}`;
    case "travel":
      return `${e.trips} shared journeys`;
    case "links":
      return `weight ${e.weight}`;
  }
}
function evidenceFor(graph, id, limit = 3) {
  const links = [];
  graph.forEachEdge(id, (_k, e, source, target) => {
    const other = source === id ? target : source;
    const direction = e.layer === "money" ? source === id ? "to " : "from " : "";
    links.push({
      with: other,
      withLabel: graph.getNodeAttribute(other, "label"),
      layer: e.layer,
      count: interactions(e),
      summary: `${direction}${describeEdge(e.layer, e)}`,
      sources: e.sources
    });
  });
  return links.sort(
    (a, b) => b.count - a.count || LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) || (a.with < b.with ? -1 : 1)
  ).slice(0, limit);
}

// src/lib/maps.ts
function pushTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function sortedEntries(map) {
  return [...map].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

// src/lib/math.ts
function maxOf(values, floor = -Infinity) {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
function minOf(values, ceiling = Infinity) {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}

// src/analysis/roles.ts
var ROLES = [
  "leader",
  "financier",
  "broker",
  "controller",
  "recruiter",
  "transporter",
  "mule",
  "victim",
  "hub"
];
var ROLE_LABELS = {
  leader: "leader or organiser",
  financier: "financier or collector",
  broker: "broker between groups",
  controller: "controller of likely victims",
  recruiter: "recruiter",
  transporter: "escort or transporter",
  mule: "mule account",
  victim: "victim of trafficking",
  hub: "innocent hub (a service or business)"
};
var DEFAULT_ROLE_OPTIONS = {
  minConfidence: 0.5,
  victimThreshold: 0.5,
  notHub: [],
  notVictim: [],
  weights: {}
};
var DAY3 = 864e5;
function profiles(input) {
  const { graph, records, resolution } = input;
  const out = /* @__PURE__ */ new Map();
  const get = (id) => {
    let p = out.get(id);
    if (!p)
      out.set(
        id,
        p = {
          callsTo: /* @__PURE__ */ new Map(),
          callsFrom: /* @__PURE__ */ new Map(),
          firstContact: /* @__PURE__ */ new Map(),
          lastContact: /* @__PURE__ */ new Map(),
          payers: /* @__PURE__ */ new Map(),
          payees: /* @__PURE__ */ new Map(),
          journeys: /* @__PURE__ */ new Map(),
          firstJourney: Infinity
        }
      );
    return p;
  };
  graph.forEachNode((id) => get(id));
  graph.forEachEdge((_key, e, source, target) => {
    const s = get(source);
    const t = get(target);
    if (e.layer === "calls") {
      s.callsTo.set(target, e.forward);
      s.callsFrom.set(target, e.backward);
      t.callsTo.set(source, e.backward);
      t.callsFrom.set(source, e.forward);
      s.firstContact.set(target, e.first);
      t.firstContact.set(source, e.first);
      s.lastContact.set(target, e.last);
      t.lastContact.set(source, e.last);
    } else if (e.layer === "money") {
      const amount = Object.values(e.amounts).reduce((a, b) => a + b, 0);
      s.payees.set(target, { count: e.count, amount });
      t.payers.set(source, { count: e.count, amount });
    }
  });
  const entity = (identifier) => resolution.entityOf.get(identifier) ?? identifier;
  const byJourney = /* @__PURE__ */ new Map();
  for (const t of records.travel) {
    const key = `${t.carrier}|${t.service}|${Math.floor(t.departure / DAY3)}`;
    const who = entity(t.traveller);
    let set = byJourney.get(key);
    if (!set) byJourney.set(key, set = /* @__PURE__ */ new Set());
    set.add(who);
    const p = get(who);
    p.firstJourney = Math.min(p.firstJourney, t.departure);
  }
  for (const [key, people] of byJourney)
    for (const who of people) get(who).journeys.set(key, new Set([...people].filter((x) => x !== who)));
  return out;
}
var OPERATIONAL = /* @__PURE__ */ new Set(["financier", "controller", "recruiter", "transporter", "mule"]);
function heavyTies(p) {
  return [...p.callsTo.keys()].filter((x) => (p.callsTo.get(x) ?? 0) + (p.callsFrom.get(x) ?? 0) >= 10);
}
function strongest(p) {
  let best;
  let most = 0;
  for (const x of /* @__PURE__ */ new Set([...p.callsTo.keys(), ...p.callsFrom.keys()])) {
    const n2 = (p.callsTo.get(x) ?? 0) + (p.callsFrom.get(x) ?? 0);
    if (n2 > most || n2 === most && best !== void 0 && x < best) [best, most] = [x, n2];
  }
  return best;
}
var sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
var clamp = (x) => Math.max(0, Math.min(1, x));
var round22 = (x) => Math.round(x * 100) / 100;
function participation(graph, id, community, matters = () => true) {
  const counts = /* @__PURE__ */ new Map();
  let total = 0;
  graph.forEachNeighbor(id, (other) => {
    if (!matters(other)) return;
    const c = community(other);
    counts.set(c, (counts.get(c) ?? 0) + 1);
    total++;
  });
  if (total === 0) return 0;
  let s = 0;
  for (const n2 of counts.values()) s += (n2 / total) ** 2;
  return 1 - s;
}
function moneyBrokerage(p, id, community, direct = () => false) {
  const out = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0 };
  const v = community(id);
  for (const a of p.payers.keys())
    for (const b of p.payees.keys()) {
      if (a === b || direct(a, b)) continue;
      const ca = community(a);
      const cb = community(b);
      if (ca === v && cb === v) out.coordinator++;
      else if (ca === cb) out.itinerant++;
      else if (cb === v) out.gatekeeper++;
      else if (ca === v) out.representative++;
      else out.liaison++;
    }
  return out;
}
function assignRoles(input, options = DEFAULT_ROLE_OPTIONS) {
  const { graph } = input;
  const P = profiles(input);
  const notHub = new Set(options.notHub);
  const notVictim = new Set(options.notVictim);
  const findings = /* @__PURE__ */ new Map();
  const add = (id, role, confidence, reasons) => {
    if (confidence <= 0) return;
    const list = findings.get(id) ?? [];
    list.push({ role, confidence: round22(clamp(confidence)), reasons });
    findings.set(id, list);
  };
  const ids = graph.nodes();
  const label = (id) => graph.getNodeAttribute(id, "label");
  const hubs = /* @__PURE__ */ new Set();
  for (const id of ids) {
    if (notHub.has(id)) continue;
    const penalty = input.hubPenalty(id);
    const f = input.features(id);
    if (f.contacts < 20 && !f.organisation) continue;
    if (f.reciprocity >= 0.5 && !f.organisation) continue;
    const spread = participation(graph, id, input.community);
    const wide = spread >= 0.6 && f.reciprocity < 0.5 && f.contacts >= 30;
    if (penalty < 0.3 && !wide) continue;
    const reasons = [`${Math.round(f.oneOffShare * 100)}% of its ${f.contacts} contacts are one-off`];
    if (f.reciprocity < 0.5) reasons.push(`few calls are returned (reciprocity ${f.reciprocity.toFixed(2)})`);
    if (spread >= 0.5) reasons.push(`its contacts are spread over many unrelated groups (${spread.toFixed(2)})`);
    if (f.organisation) reasons.push("a register lists it as an organisation");
    hubs.add(id);
    add(id, "hub", Math.max(penalty, 0.4 + spread / 3), reasons);
  }
  const inflow = (p) => [...p.payers.values()].reduce((a, b) => a + b.amount, 0);
  const outflow = (p) => [...p.payees.values()].reduce((a, b) => a + b.amount, 0);
  const mules = /* @__PURE__ */ new Set();
  for (const id of ids) {
    if (hubs.has(id)) continue;
    const p = P.get(id);
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    const payments = [...p.payers.values()].reduce((a, b) => a + b.count, 0);
    if (payers.length < 3 || payments < 6) continue;
    const mean = inflow(p) / payments;
    const passed = inflow(p) > 0 ? outflow(p) / inflow(p) : 0;
    const conf = 0.35 * clamp(payers.length / 5) + 0.35 * clamp(passed / 0.7) + 0.3 * (mean < 1e3 ? 1 : 0);
    if (conf < 0.6 || p.payees.size > 3 || p.payees.size === 0) continue;
    mules.add(id);
    add(id, "mule", conf, [
      `${payments} payments in from ${payers.length} accounts, ${mean.toFixed(0)} on average`,
      `passes on ${Math.round(passed * 100)}% of it to ${p.payees.size} account${p.payees.size === 1 ? "" : "s"}`
    ]);
  }
  const financiers = /* @__PURE__ */ new Set();
  const totals = ids.filter((id) => !hubs.has(id)).map((id) => inflow(P.get(id)));
  const biggest = maxOf(totals, 0);
  for (const id of ids) {
    if (hubs.has(id) || mules.has(id)) continue;
    const p = P.get(id);
    const fromMules = [...p.payers.keys()].filter((x) => mules.has(x));
    const payers = [...p.payers.keys()].filter((x) => !hubs.has(x));
    if (payers.length < 2 || biggest === 0) continue;
    const share = inflow(p) / biggest;
    const conf = 0.45 * clamp(fromMules.length / 2) + 0.35 * share + 0.2 * clamp(payers.length / 4);
    if (conf < 0.5) continue;
    financiers.add(id);
    const reasons = [`collects ${inflow(p).toFixed(0)} from ${payers.length} accounts`];
    if (fromMules.length) reasons.push(`${fromMules.length} of them look like mule accounts`);
    if (p.payees.size)
      reasons.push(`pays out to ${p.payees.size}: ${[...p.payees.keys()].map(label).slice(0, 4).join(", ")}`);
    add(id, "financier", conf, reasons);
  }
  const transporters = /* @__PURE__ */ new Set();
  for (const id of ids) {
    if (hubs.has(id)) continue;
    const p = P.get(id);
    if (p.journeys.size < 2) continue;
    const companions = new Set([...p.journeys.values()].flatMap((s) => [...s]));
    if (companions.size < 3) continue;
    const conf = 0.5 * clamp(p.journeys.size / 3) + 0.5 * clamp(companions.size / 6);
    transporters.add(id);
    add(id, "transporter", conf, [`${p.journeys.size} journeys with ${companions.size} different people`]);
  }
  const oneSidedCalls = /* @__PURE__ */ new Map();
  for (const id of ids) {
    const p = P.get(id);
    const received = sum(p.callsFrom);
    if (received < 8 || received < 2 * sum(p.callsTo)) continue;
    for (const [x, n2] of p.callsFrom) if (n2 >= 3 && !hubs.has(x)) oneSidedCalls.set(x, (oneSidedCalls.get(x) ?? 0) + 1);
  }
  const victims = /* @__PURE__ */ new Map();
  for (const id of ids) {
    if (hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id) || notVictim.has(id)) continue;
    const p = P.get(id);
    const reasons = [];
    let conf = 0;
    const escorts = [...p.journeys.values()].flatMap((s) => [...s].filter((x) => transporters.has(x)));
    if (p.journeys.size >= 1 && p.journeys.size <= 2 && escorts.length) {
      conf += 0.35;
      reasons.push(
        `travelled ${p.journeys.size === 1 ? "once" : "twice"}, with ${label(escorts[0])}, who escorts others`
      );
    }
    const received = sum(p.callsFrom);
    const made = sum(p.callsTo);
    const callers = [...p.callsFrom.entries()].filter(([x, n2]) => n2 >= 3 && !hubs.has(x)).sort((a, b) => b[1] - a[1]);
    const controlling = callers.some(([x]) => (oneSidedCalls.get(x) ?? 0) >= 2);
    if (received >= 8 && received >= 2 * made && callers.length >= 1 && callers.length <= 3 && controlling) {
      conf += 0.3;
      reasons.push(
        `called far more than calling (${received} in, ${made} out), mostly by ${callers.slice(0, 2).map(([x]) => label(x)).join(" and ")}`
      );
    }
    const toMules = [...p.payees.keys()].filter((x) => mules.has(x));
    if (toMules.length) {
      conf += 0.3;
      reasons.push(
        `pays into ${toMules.map(label).join(", ")}, which collect${toMules.length === 1 ? "s" : ""} from many`
      );
    }
    if (input.features(id).contacts <= 10 && conf > 0) {
      conf += 0.05;
      reasons.push(`few contacts (${input.features(id).contacts})`);
    }
    if (conf >= options.minConfidence) {
      victims.set(id, conf);
      add(id, "victim", conf, reasons);
    }
  }
  for (const id of ids) {
    if (hubs.has(id) || victims.has(id)) continue;
    const p = P.get(id);
    const controlled = [...p.callsTo.entries()].filter(
      ([x, n2]) => victims.has(x) && n2 >= 5 && // (a victim's number that no register ties to their journey cannot be timed: count it)
      (P.get(x).firstJourney === Infinity || (p.lastContact.get(x) ?? 0) > P.get(x).firstJourney + DAY3)
    );
    if (controlled.length >= 2)
      add(id, "controller", 0.4 + 0.6 * clamp(controlled.length / 4), [
        `calls ${controlled.length} likely victims regularly (${controlled.reduce((a, [, n2]) => a + n2, 0)} calls)`
      ]);
    const recruited = [...p.callsTo.entries()].filter(([x, n2]) => {
      const other = P.get(x);
      const escorted = victims.has(x) || [...other.journeys.values()].some((c) => [...c].some((y) => transporters.has(y)));
      return n2 >= 2 && other.journeys.size > 0 && escorted && (p.firstContact.get(x) ?? Infinity) < other.firstJourney && !transporters.has(x);
    });
    if (recruited.length >= 2 && !transporters.has(id))
      add(id, "recruiter", 0.4 + 0.6 * clamp(recruited.length / 4), [
        `called ${recruited.length} people before their first, escorted journey (${recruited.slice(0, 3).map(([x]) => label(x)).join(", ")}${recruited.length > 3 ? ", \u2026" : ""})`
      ]);
  }
  const controllers = new Set(
    [...findings].filter(([, l]) => l.some((f) => f.role === "controller")).map(([id]) => id)
  );
  const taken = (id) => victims.has(id) || hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id) || notVictim.has(id);
  const dominatedBy = /* @__PURE__ */ new Map();
  for (const id of ids) {
    if (taken(id)) continue;
    const p = P.get(id);
    const received = sum(p.callsFrom);
    if (received < 8 || received < 2 * sum(p.callsTo) || input.features(id).contacts > 10) continue;
    for (const [caller, n2] of p.callsFrom)
      if (n2 >= 5 && n2 >= received / 2 && !hubs.has(caller)) pushTo(dominatedBy, caller, id);
  }
  for (const [caller, numbers] of dominatedBy) {
    if (numbers.length < 2 || controllers.has(caller) || victims.has(caller)) continue;
    controllers.add(caller);
    add(caller, "controller", 0.4 + 0.6 * clamp(numbers.length / 4), [
      `most of the calls that ${numbers.length} numbers with few contacts receive come from here (${numbers.slice(0, 3).map(label).join(", ")}${numbers.length > 3 ? ", \u2026" : ""})`
    ]);
  }
  for (const id of ids) {
    if (victims.has(id) || hubs.has(id) || mules.has(id) || financiers.has(id) || transporters.has(id)) continue;
    if (notVictim.has(id) || controllers.has(id)) continue;
    const p = P.get(id);
    const received = sum(p.callsFrom);
    const made = sum(p.callsTo);
    const by = [...p.callsFrom.entries()].filter(([x, n2]) => controllers.has(x) && n2 >= 5);
    if (by.length === 0 || received < 8 || received < 2 * made) continue;
    const byCalls = by.reduce((a, [, n2]) => a + n2, 0);
    if (byCalls < received / 2) continue;
    const conf = 0.6 + (input.features(id).contacts <= 10 ? 0.05 : 0);
    victims.set(id, conf);
    add(id, "victim", conf, [
      `called far more than calling (${received} in, ${made} out), ${byCalls} of those calls by ${by.map(([x]) => label(x)).join(" and ")}, who ${by.length === 1 ? "calls" : "call"} several likely victims`
    ]);
  }
  const eigOf = (id) => hubs.has(id) || victims.has(id) ? 0 : input.eigenvector(id);
  const eig = ids.map(eigOf);
  const maxEig = maxOf(eig, 0);
  const leaders = /* @__PURE__ */ new Set();
  const heavyCache = /* @__PURE__ */ new Map();
  const heavyOf = (x) => {
    let h = heavyCache.get(x);
    if (!h) heavyCache.set(x, h = heavyTies(P.get(x)));
    return h;
  };
  const inCore = (x) => eigOf(x) / maxEig >= 0.3 || leaders.has(x);
  for (const pass of [1, 2])
    for (const id of ids) {
      if (hubs.has(id) || victims.has(id) || mules.has(id) || maxEig === 0 || pass === 2 && leaders.has(id)) continue;
      const p = P.get(id);
      const f = input.features(id);
      const inner = input.eigenvector(id) / maxEig;
      const heavy = heavyOf(id);
      const core = heavy.filter(inCore);
      if (f.contacts === 0) continue;
      const exclusive = f.repeatedContacts / f.contacts;
      const discreet = exclusive >= 0.8 && !(findings.get(id) ?? []).some((r) => OPERATIONAL.has(r.role));
      const partner = discreet ? heavy.find((x) => leaders.has(x) && strongest(p) === x && strongest(P.get(x)) === id) : void 0;
      const placed = inner >= 0.3 || core.length >= 2 || partner !== void 0;
      if (!placed && !discreet) continue;
      const reached = /* @__PURE__ */ new Set();
      for (const x of heavy) {
        for (const f2 of findings.get(x) ?? []) if (OPERATIONAL.has(f2.role)) reached.add(f2.role);
        for (const y of heavyOf(x))
          if (y !== id) {
            for (const f2 of findings.get(y) ?? []) if (OPERATIONAL.has(f2.role)) reached.add(f2.role);
          }
      }
      if (!placed && reached.size < 3) continue;
      const groups = new Set(heavy.map(input.community).filter((c) => c !== input.community(id)));
      const paidBy = [...p.payers.keys()].filter((x) => financiers.has(x));
      const paidOut = [...financiers].reduce((a, x) => a + outflow(P.get(x)), 0);
      const received = paidBy.reduce((a, x) => a + (p.payers.get(x)?.amount ?? 0), 0);
      const paidShare = paidOut > 0 ? received / paidOut : 0;
      const reasons = [];
      let conf = 0.3 * inner;
      if (exclusive >= 0.6) {
        conf += 0.2 * exclusive;
        reasons.push(`${f.repeatedContacts} of ${f.contacts} contacts are repeated, none casual`);
      }
      if (groups.size >= 1) {
        conf += 0.15 * clamp(groups.size / 2);
        reasons.push(`in heavy contact with ${groups.size + 1} groups of the network`);
      }
      if (core.length >= 2) {
        conf += 0.25 * clamp(core.length / 2);
        reasons.push(`heavy, repeated contact with ${core.length} others of the inner circle`);
      }
      if (partner) {
        conf += 0.25;
        reasons.push(`${label(partner)}'s closest contact, and ${label(partner)} theirs`);
      }
      if (reached.size >= 2) {
        conf += 0.25 * clamp(reached.size / 3);
        const jobs = [...reached].sort().map((r) => `${r}s`);
        reasons.push(
          `directs, at most one step removed, the ${jobs.slice(0, -1).join(", ")} and ${jobs[jobs.length - 1]}`
        );
      }
      if (paidBy.length) {
        conf += 0.3 * clamp(paidShare / 0.3);
        reasons.push(
          `receives ${Math.round(paidShare * 100)}% of what ${paidBy.map(label).join(", ")} pay${paidBy.length === 1 ? "s" : ""} out`
        );
      }
      if (financiers.has(id)) conf -= 0.2;
      reasons.unshift(
        inner >= 0.3 ? `at the centre of the inner circle (${Math.round(inner * 100)}% of the strongest)` : `works through the inner circle rather than at its centre (${Math.round(inner * 100)}% of the strongest)`
      );
      if (conf >= 0.4) {
        add(id, "leader", conf + 0.05, reasons);
        leaders.add(id);
      }
    }
  for (const id of ids) {
    if (hubs.has(id) || victims.has(id)) continue;
    const p = P.get(id);
    const spread = participation(graph, id, input.community, (other) => {
      return (p.callsTo.get(other) ?? 0) + (p.callsFrom.get(other) ?? 0) >= 5 || p.payers.has(other) || p.payees.has(other);
    });
    const money = moneyBrokerage(p, id, input.community, (a, b) => P.get(a)?.payees.has(b) ?? false);
    const across = money.gatekeeper + money.representative + money.liaison;
    const rank = input.betweennessRank(id);
    const central = rank <= Math.max(10, ids.length * 0.05);
    if (!(central && spread >= 0.4) && across < 3) continue;
    const reasons = [];
    if (central && spread >= 0.4)
      reasons.push(`bridges groups: ties spread across communities (${spread.toFixed(2)}), brokerage #${rank}`);
    if (across >= 3)
      reasons.push(
        `passes money between groups: ${["liaison", "gatekeeper", "representative"].filter((k2) => money[k2]).map((k2) => `${money[k2]} as ${k2}`).join(", ")} (Gould\u2013Fernandez)`
      );
    add(id, "broker", 0.4 + 0.4 * Math.max(spread, clamp(across / 10)) + (rank <= 5 ? 0.1 : 0), reasons);
  }
  for (const list of findings.values()) list.sort((a, b) => b.confidence - a.confidence || (a.role < b.role ? -1 : 1));
  return findings;
}

// src/analysis/intelligence.ts
var ROLE_WEIGHTS = {
  leader: 1.8,
  financier: 1.7,
  controller: 1.35,
  recruiter: 1.3,
  transporter: 1.3,
  broker: 1.2,
  // Mule accounts are often held by the exploited or by low-level helpers: follow the money, target above them.
  mule: 0.9,
  // A confirmed service loses more than its tie pattern alone would take off.
  hub: 0.4,
  victim: 0
};
function describeRole(f) {
  return `likely ${ROLE_LABELS[f.role]} (confidence ${f.confidence.toFixed(2)}): ${f.reasons.join("; ")}`;
}
function setHubPenalty(metrics, penalty, note) {
  const before = 1 - HUB_PENALTY_WEIGHT * metrics.hubPenalty;
  if (before > 0) metrics.score *= (1 - HUB_PENALTY_WEIGHT * penalty) / before;
  metrics.hubPenalty = penalty;
  metrics.why = metrics.why.replace(/; down-weighted \d+% as a likely service hub \([^)]*\)/, "") + note;
}
function applyRoles(graph, records, resolution, analysis, options = DEFAULT_ROLE_OPTIONS) {
  const m = (id) => analysis.metrics.get(id);
  const betweennessOrder = [...analysis.metrics.keys()].sort(
    (a, b) => m(b).betweenness - m(a).betweenness || (a < b ? -1 : 1)
  );
  const betweennessRank = new Map(betweennessOrder.map((id, i) => [id, i + 1]));
  const findings = assignRoles(
    {
      graph,
      records,
      resolution,
      community: (id) => m(id).community,
      eigenvector: (id) => m(id).eigenvector,
      betweennessRank: (id) => betweennessRank.get(id),
      hubPenalty: (id) => options.notHub.includes(id) ? 0 : m(id).hubPenalty,
      features: (id) => m(id).features
    },
    options
  );
  const protection = [];
  for (const [id, metrics] of analysis.metrics) {
    const list = findings.get(id) ?? [];
    const stated = list.filter((f) => f.confidence >= options.minConfidence);
    const victim = stated.find((f) => f.role === "victim" && f.confidence >= options.victimThreshold);
    if (options.notHub.includes(id)) setHubPenalty(metrics, 0, "; not a service hub (analyst)");
    if (victim) {
      protection.push({ id, confidence: victim.confidence, reasons: victim.reasons });
      metrics.role = "victim";
      metrics.roleConfidence = victim.confidence;
      metrics.roleReasons = describeRole(victim);
      metrics.score = 0;
      continue;
    }
    const hub = stated.find((f) => f.role === "hub");
    if (hub && hub.confidence > metrics.hubPenalty)
      setHubPenalty(
        metrics,
        hub.confidence,
        `; down-weighted ${Math.round(HUB_PENALTY_WEIGHT * 100 * hub.confidence)}% as a likely service hub (${hub.reasons.join("; ")})`
      );
    const best = stated.filter((f) => f.role !== "victim")[0];
    if (!best) continue;
    metrics.role = best.role;
    metrics.roleConfidence = best.confidence;
    metrics.roleReasons = stated.filter((f) => f.role !== "victim").map(describeRole).join(" | ");
    const weight = (r) => options.weights[r] ?? ROLE_WEIGHTS[r];
    const factor = Math.max(...stated.map((f) => 1 + (weight(f.role) - 1) * f.confidence));
    metrics.score *= factor;
    if (best.role !== "hub") {
      const generic = best.reasons.some((r) => r.includes("contacts are repeated")) ? metrics.why.replace(/(; )?\d+ of \d+ contacts repeated(, )?/, (_m, a, b) => a && b ? "; " : "") : metrics.why;
      metrics.why = `${describeRole(best)}; ${generic}`;
    }
  }
  const victims = new Set(protection.map((p) => p.id));
  analysis.ranking = [...analysis.metrics.keys()].filter((id) => !victims.has(id)).sort((a, b) => m(b).score - m(a).score || (a < b ? -1 : 1));
  analysis.ranking.forEach((id, i) => m(id).rank = i + 1);
  for (const id of victims) m(id).rank = 0;
  for (const c of analysis.communities) c.top = c.top.filter((id) => !victims.has(id));
  return protection.sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1));
}

// src/analysis/patterns.ts
var DEFAULT_PATTERN_OPTIONS = {
  thresholds: { EUR: 1e4, GBP: 1e4, USD: 1e4 },
  coTravelHours: 12,
  timeZone: "UTC",
  exclude: /* @__PURE__ */ new Set()
};
var HOUR = 36e5;
var DAY4 = 24 * HOUR;
var MAX_EVIDENCE = 50;
function rows(list) {
  return list.slice(0, MAX_EVIDENCE).flatMap((r) => [r.file, r.row]);
}
function findPatterns(records, resolution, label, options = DEFAULT_PATTERN_OPTIONS) {
  const entity = (identifier) => resolution.entityOf.get(identifier) ?? identifier;
  const out = [];
  const names = (ids) => ids.map(label).join(", ");
  const transfers = records.transfers.map((t) => ({ ...t, a: entity(t.from), b: entity(t.to) })).filter((t) => t.a !== t.b && !options.exclude.has(t.a) && !options.exclude.has(t.b));
  const byPayer = /* @__PURE__ */ new Map();
  const byPayee = /* @__PURE__ */ new Map();
  for (const t of transfers) {
    pushTo(byPayer, t.a, t);
    pushTo(byPayee, t.b, t);
  }
  const structuring = /* @__PURE__ */ new Map();
  for (const t of transfers) {
    const limit = options.thresholds[t.currency];
    if (limit && t.amount >= 0.9 * limit && t.amount < limit) pushTo(structuring, t.a, t);
  }
  for (const [id, list] of structuring)
    if (list.length >= 2)
      out.push({
        kind: "structuring",
        entities: [id, ...new Set(list.map((t) => t.b))],
        summary: `${label(id)} made ${list.length} transfers just under the ${list[0].currency} ${options.thresholds[list[0].currency]} reporting threshold`,
        evidence: rows(list)
      });
  for (const [kind, groups, other, verb] of [
    ["fan-in", byPayee, "a", "receives from"],
    ["fan-out", byPayer, "b", "pays"]
  ])
    for (const [id, list] of groups) {
      const others = new Set(list.map((t) => t[other]));
      if (others.size >= 5)
        out.push({
          kind,
          entities: [id, ...others],
          summary: `${label(id)} ${verb} ${others.size} accounts (${list.length} transfers)`,
          evidence: rows(list)
        });
    }
  for (const [id, incoming] of byPayee) {
    const outgoing = byPayer.get(id);
    if (!outgoing || incoming.length < 3) continue;
    const total = (list) => list.reduce((a, t) => a + t.amount, 0);
    const share = total(outgoing) / total(incoming);
    if (share < 0.8) continue;
    const ins = incoming.map((t) => t.time).sort((a, b) => a - b);
    const delays = outgoing.map((t) => {
      let latest = -Infinity;
      for (const x of ins) if (x <= t.time) latest = x;
      return t.time - latest;
    }).filter(Number.isFinite).sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)];
    out.push({
      kind: "pass-through",
      entities: [id, ...new Set(outgoing.map((t) => t.b))],
      summary: `${label(id)} passes on ${Math.round(share * 100)}% of what it receives${median !== void 0 ? `, typically ${(median / DAY4).toFixed(1)} days after money arrives` : ""}, to ${names([...new Set(outgoing.map((t) => t.b))].slice(0, 3))}`,
      evidence: rows([...incoming.slice(0, 25), ...outgoing.slice(0, 25)])
    });
  }
  const next = /* @__PURE__ */ new Map();
  const legTransfers = /* @__PURE__ */ new Map();
  for (const t of transfers) {
    next.set(t.a, (next.get(t.a) ?? /* @__PURE__ */ new Set()).add(t.b));
    pushTo(legTransfers, `${t.a}\0${t.b}`, t);
  }
  const cycles = /* @__PURE__ */ new Set();
  const walk = (start, path) => {
    for (const n2 of next.get(path[path.length - 1]) ?? []) {
      if (n2 === start && path.length >= 2) {
        const rotated = [...path];
        const min = rotated.indexOf([...rotated].sort()[0]);
        cycles.add([...rotated.slice(min), ...rotated.slice(0, min)].join("\0"));
      } else if (path.length < 4 && !path.includes(n2) && n2 > start) walk(start, [...path, n2]);
    }
  };
  for (const start of next.keys()) walk(start, [start]);
  for (const key of [...cycles].sort()) {
    const ids = key.split("\0");
    const legs2 = ids.map((a, i) => [a, ids[(i + 1) % ids.length]]);
    const legRows = legs2.flatMap(([a, b]) => legTransfers.get(`${a}\0${b}`).slice(0, 10));
    out.push({
      kind: "circular-flow",
      entities: ids,
      summary: `money goes round: ${[...ids, ids[0]].map(label).join(" \u2192 ")}`,
      evidence: rows(legRows)
    });
  }
  const legs = /* @__PURE__ */ new Map();
  for (const t of transfers) {
    const from = /^acct:([A-Z]{2})\d\d/.exec(t.from)?.[1];
    const to = /^acct:([A-Z]{2})\d\d/.exec(t.to)?.[1];
    if (from && to && from !== to)
      legs.set(`${t.a}\0${t.b}\0${from}\0${to}`, [
        ...legs.get(`${t.a}\0${t.b}\0${from}\0${to}`) ?? [],
        t
      ]);
  }
  for (const [key, list] of sortedEntries(legs)) {
    const [a, b, from, to] = key.split("\0");
    const sums = /* @__PURE__ */ new Map();
    for (const t of list) sums.set(t.currency, (sums.get(t.currency) ?? 0) + t.amount);
    if (list.length < 3 && Math.max(...sums.values()) < 2e3) continue;
    out.push({
      kind: "cross-border",
      entities: [a, b],
      summary: `${label(a)} (${from}) \u2192 ${label(b)} (${to}): ${list.length} transfers, ${[...sums].map(([c, x]) => `${x.toFixed(2)} ${c}`).join(" + ")}`,
      evidence: rows(list)
    });
  }
  const byService = /* @__PURE__ */ new Map();
  for (const t of records.travel) {
    const key = `${t.carrier}|${t.service}`;
    pushTo(byService, key, t);
  }
  const journeys = [];
  for (const [key, list] of byService) {
    const sorted = [...list].sort((a, b) => a.departure - b.departure);
    let current = null;
    for (const t of sorted) {
      if (!current || t.departure - current.departure > options.coTravelHours * HOUR) {
        current = { people: /* @__PURE__ */ new Set(), rows: [], departure: t.departure, name: key.replace("|", " ") };
        journeys.push(current);
      }
      current.people.add(entity(t.traveller));
      current.rows.push(t);
    }
  }
  const pairTrips = /* @__PURE__ */ new Map();
  const companions = /* @__PURE__ */ new Map();
  for (const j of journeys) {
    const people = [...j.people].sort();
    if (people.length < 2 || people.length > 30) continue;
    for (let i = 0; i < people.length; i++) {
      const c = companions.get(people[i]) ?? { others: /* @__PURE__ */ new Set(), trips: [] };
      for (const p of people) if (p !== people[i]) c.others.add(p);
      c.trips.push(j);
      companions.set(people[i], c);
      for (let k2 = i + 1; k2 < people.length; k2++) {
        const key = `${people[i]}\0${people[k2]}`;
        pushTo(pairTrips, key, j);
      }
    }
  }
  for (const [key, trips] of sortedEntries(pairTrips)) {
    if (trips.length < 2) continue;
    const [a, b] = key.split("\0");
    out.push({
      kind: "repeated-co-travel",
      entities: [a, b],
      summary: `${label(a)} and ${label(b)} travelled together ${trips.length} times (${trips.map((t) => t.name).join(", ")})`,
      evidence: rows(trips.flatMap((t) => t.rows.filter((r) => [a, b].includes(entity(r.traveller)))))
    });
  }
  for (const [id, c] of sortedEntries(companions)) {
    if (c.trips.length < 2 || c.others.size < 4) continue;
    out.push({
      kind: "many-companions",
      entities: [id, ...c.others],
      summary: `${label(id)} travelled ${c.trips.length} times with ${c.others.size} different people`,
      evidence: rows(c.trips.flatMap((t) => t.rows))
    });
  }
  const handsets = /* @__PURE__ */ new Map();
  for (const c of records.calls) {
    if (!c.imei) continue;
    const sims = handsets.get(c.imei) ?? /* @__PURE__ */ new Map();
    pushTo(sims, c.caller, c);
    handsets.set(c.imei, sims);
  }
  for (const [imei, sims] of sortedEntries(handsets)) {
    if (sims.size < 2) continue;
    const ids = [...sims.keys()].sort();
    out.push({
      kind: "shared-handset",
      entities: [...new Set(ids.map(entity))],
      summary: `${ids.length} SIMs used in handset ${imei.replace(/^imei:/, "")}: ${ids.map((i) => i.replace(/^tel:/, "")).join(", ")}`,
      evidence: rows(ids.flatMap((i) => sims.get(i).slice(0, 5)))
    });
  }
  const callsOf = /* @__PURE__ */ new Map();
  for (const c of records.calls) {
    const a = entity(c.caller);
    const b = entity(c.callee);
    pushTo(callsOf, a, c);
    if (b !== a) pushTo(callsOf, b, c);
  }
  const callsOfAny = (ids, keep) => {
    const found = /* @__PURE__ */ new Set();
    for (const id of ids) for (const c of callsOf.get(id) ?? []) if (keep(c)) found.add(c);
    return [...found].sort((x, y) => x.file - y.file || x.row - y.row);
  };
  for (const t of findTakeovers(records.calls, entity))
    out.push({
      kind: "sim-swap",
      entities: [t.newId, t.oldId],
      summary: describeTakeover(t, label),
      evidence: rows(callsOfAny([t.oldId, t.newId], () => true).slice(0, 20))
    });
  const localHour = (t) => {
    const local = t + zoneOffsetMinutes(options.timeZone, t) * 6e4;
    return new Date(local).getUTCHours();
  };
  for (const [id, list] of sortedEntries(callsOf)) {
    if (options.exclude.has(id) || list.length < 10) continue;
    const night = list.filter((c) => localHour(c.start) < 5);
    if (night.length / list.length >= 0.4)
      out.push({
        kind: "night-activity",
        entities: [id],
        summary: `${Math.round(night.length / list.length * 100)}% of ${label(id)}'s ${list.length} calls are between midnight and 5 a.m.`,
        evidence: rows(night)
      });
    const perDay = /* @__PURE__ */ new Map();
    for (const c of list) pushTo(perDay, Math.floor(c.start / DAY4), c);
    const counts = [...perDay.values()].map((d) => d.length);
    const mean = list.length / Math.max(1, maxOf(perDay.keys()) - minOf(perDay.keys()) + 1);
    for (const [day, dayCalls] of [...perDay].sort((a, b) => a[0] - b[0]))
      if (dayCalls.length >= 10 && dayCalls.length >= 5 * mean && counts.length >= 5)
        out.push({
          kind: "burst",
          entities: [id],
          summary: `${label(id)}: ${dayCalls.length} calls on ${new Date(day * DAY4).toISOString().slice(0, 10)} (usually ${mean.toFixed(1)} a day)`,
          evidence: rows(dayCalls)
        });
  }
  for (const j of journeys) {
    if (j.people.size < 2 || j.people.size > 30) continue;
    const people = [...j.people];
    const among = callsOfAny(
      people,
      (c) => c.start >= j.departure - 2 * DAY4 && c.start < j.departure && j.people.has(entity(c.caller)) && j.people.has(entity(c.callee))
    );
    if (among.length >= 2)
      out.push({
        kind: "calls-before-journey",
        entities: people,
        summary: `${among.length} calls among the ${people.length} travellers of ${j.name} (${new Date(j.departure).toISOString().slice(0, 10)}) in the 48 hours before it left: ${names(people.slice(0, 4))}`,
        evidence: rows(among)
      });
  }
  return out;
}

// src/analysis/pipeline.ts
var DEFAULT_CASE_OPTIONS = {
  resolve: DEFAULT_RESOLVE_OPTIONS,
  build: DEFAULT_BUILD_OPTIONS,
  analysis: DEFAULT_ANALYSIS_OPTIONS,
  roles: DEFAULT_ROLE_OPTIONS,
  patterns: {
    thresholds: DEFAULT_PATTERN_OPTIONS.thresholds,
    coTravelHours: DEFAULT_PATTERN_OPTIONS.coTravelHours,
    timeZone: "UTC"
  }
};
function analyseCase(records, options = {}, onStep, time2 = untimed) {
  const o = { ...DEFAULT_CASE_OPTIONS, ...options };
  onStep?.("resolving identifiers to people");
  const resolution = time2("resolve", () => resolveEntities(records, o.resolve));
  onStep?.("building the graph");
  const graph = time2("build", () => buildGraph(records, resolution, o.build));
  onStep?.(`analysing ${graph.order} entities and ${graph.size} links`);
  const analysis = analyse(graph, o.analysis, time2);
  onStep?.("assigning roles");
  const protection = time2("roles", () => applyRoles(graph, records, resolution, analysis, o.roles));
  onStep?.("looking for money, travel, SIM and time patterns");
  const hubs = new Set([...analysis.metrics].filter(([, m]) => m.role === "hub").map(([id]) => id));
  const findings = time2(
    "patterns",
    () => findPatterns(records, resolution, (id) => graph.hasNode(id) ? graph.getNodeAttribute(id, "label") : id, {
      ...o.patterns,
      exclude: hubs
    })
  );
  return { resolution, graph, analysis, protection, findings };
}
var DEFAULT_CASE_SETTINGS = {
  seed: 1,
  top: 25,
  resolution: 1,
  rules: [...RESOLUTION_RULES],
  unmerge: [],
  notHub: [],
  notVictim: [],
  roleWeights: {},
  thresholds: DEFAULT_PATTERN_OPTIONS.thresholds,
  coTravelHours: DEFAULT_PATTERN_OPTIONS.coTravelHours,
  country: "GB",
  timeZone: "UTC",
  timeZoneStated: false,
  currency: "EUR"
};
function validateSettings(s) {
  const fail = (what) => {
    throw appError("settings", what);
  };
  if (!Number.isInteger(s.seed) || s.seed < 0) fail(`seed is ${s.seed}; expected a whole number \u2265 0`);
  if (!Number.isInteger(s.top) || s.top < 0) fail(`top is ${s.top}; expected a whole number \u2265 0`);
  if (!(s.resolution > 0)) fail(`resolution is ${s.resolution}; expected a positive number`);
  for (const r of s.rules)
    if (!RESOLUTION_RULES.includes(r))
      fail(`rules names "${r}"; expected some of ${RESOLUTION_RULES.join(",")}`);
  if (!/^[A-Z]{2}$/.test(s.country)) fail(`country is "${s.country}"; expected a two-letter code such as GB`);
  if (!/^[A-Z]{3}$/.test(s.currency)) fail(`currency is "${s.currency}"; expected a code such as EUR`);
  for (const [role, w] of Object.entries(s.roleWeights))
    if (!ROLES.includes(role) || !(w >= 0))
      fail(`role weight ${role}=${w}; expected roles among ${ROLES.join(", ")} with weights \u2265 0`);
  for (const [currency, t] of Object.entries(s.thresholds))
    if (!/^[A-Z]{3}$/.test(currency) || !(t > 0))
      fail(`threshold ${currency}=${t}; expected CUR=amount with amount > 0`);
  if (!(s.coTravelHours > 0 && s.coTravelHours <= 72))
    fail(`co-travel window is ${s.coTravelHours} h; expected 1 to 72`);
  validateTimeZone(s.timeZone);
  return s;
}
function ingestOptionsFor(s) {
  return { country: s.country, timeZone: s.timeZone, timeZoneStated: s.timeZoneStated, currency: s.currency };
}
function caseOptionsFor(s) {
  return {
    ...DEFAULT_CASE_OPTIONS,
    resolve: { rules: [...s.rules], exclude: [...s.unmerge] },
    analysis: { ...DEFAULT_CASE_OPTIONS.analysis, seed: s.seed, resolution: s.resolution },
    roles: {
      ...DEFAULT_ROLE_OPTIONS,
      notHub: [...s.notHub],
      notVictim: [...s.notVictim],
      weights: { ...s.roleWeights }
    },
    patterns: { thresholds: { ...s.thresholds }, coTravelHours: s.coTravelHours, timeZone: s.timeZone }
  };
}

// src/ingest/ingest.ts
import Papa2 from "papaparse";

// src/ingest/csv.ts
import Papa from "papaparse";
var DELIMITERS = [",", ";", "	", "|"];
var CP1252_HIGH = [
  8364,
  129,
  8218,
  402,
  8222,
  8230,
  8224,
  8225,
  710,
  8240,
  352,
  8249,
  338,
  141,
  381,
  143,
  144,
  8216,
  8217,
  8220,
  8221,
  8226,
  8211,
  8212,
  732,
  8482,
  353,
  8250,
  339,
  157,
  382,
  376
];
function sniffEncoding(head) {
  if (head[0] === 239 && head[1] === 187 && head[2] === 191)
    return { encoding: "utf-8", bom: true, note: "UTF-8 byte-order mark" };
  if (head[0] === 255 && head[1] === 254)
    return { encoding: "utf-16le", bom: true, note: "UTF-16LE byte-order mark" };
  if (head[0] === 254 && head[1] === 255)
    return { encoding: "utf-16be", bom: true, note: "UTF-16BE byte-order mark" };
  let end = head.length;
  for (let back = 0; back < 3 && end > 0 && (head[end - 1] & 192) === 128; back++) end--;
  if (end > 0 && head[end - 1] >= 192) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return { encoding: "utf-8", bom: false, note: "valid UTF-8" };
  } catch {
    return { encoding: "windows-1252", bom: false, note: "not valid UTF-8; read as Windows-1252 (Latin-1)" };
  }
}
function createDecoder(encoding) {
  if (encoding !== "windows-1252") return new TextDecoder(encoding);
  return {
    decode(bytes) {
      let out = "";
      for (let i = 0; i < bytes.length; i += 8192) {
        const slice = bytes.subarray(i, i + 8192);
        const codes = new Array(slice.length);
        for (let j = 0; j < slice.length; j++) {
          const b = slice[j];
          codes[j] = b >= 128 && b <= 159 ? CP1252_HIGH[b - 128] : b;
        }
        out += String.fromCharCode(...codes);
      }
      return out;
    }
  };
}
function detectDialect(sample) {
  const lineEnding = /\r\n/.test(sample) ? "\r\n" : /\r/.test(sample) && !/\n/.test(sample) ? "\r" : "\n";
  const scored = DELIMITERS.map((delimiter) => {
    const rows3 = Papa.parse(sample, { delimiter, preview: 50, newline: lineEnding }).data.filter(
      (r) => !(r.length === 1 && r[0] === "")
    );
    const counts = /* @__PURE__ */ new Map();
    for (const r of rows3) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [n2, c] of counts) if (c > modeCount || c === modeCount && n2 > mode) [mode, modeCount] = [n2, c];
    const consistency = rows3.length ? modeCount / rows3.length : 0;
    return { delimiter, fields: mode, consistency, rows: rows3.length };
  });
  const usable = scored.filter((s) => s.fields > 1).sort((a, b) => b.consistency - a.consistency || b.fields - a.fields);
  const name = (d) => d === "	" ? "tab" : `"${d}"`;
  if (usable.length === 0) {
    return {
      delimiter: ",",
      lineEnding,
      fields: 1,
      confident: false,
      note: "no delimiter splits the rows into columns"
    };
  }
  const [best, second] = usable;
  const tie = second !== void 0 && second.consistency === best.consistency && second.fields === best.fields;
  const headerSplitters = DELIMITERS.filter(
    (d) => (Papa.parse(sample, { delimiter: d, preview: 1, newline: lineEnding }).data[0]?.length ?? 0) > 1
  );
  const confident = best.consistency >= 0.8 && !tie || headerSplitters.length === 1 && headerSplitters[0] === best.delimiter;
  return {
    delimiter: best.delimiter,
    lineEnding,
    fields: best.fields,
    confident,
    note: confident ? `${name(best.delimiter)} gives ${best.fields} columns on ${Math.round(best.consistency * 100)}% of sample rows` : tie ? `${name(best.delimiter)} and ${name(second.delimiter)} both fit the sample` : `${name(best.delimiter)} fits only ${Math.round(best.consistency * 100)}% of sample rows`
  };
}
var MAX_RECORD_CHARS = 16 * 1024 * 1024;
var RecordTooLong = class extends Error {
  constructor(row) {
    super(`row ${row} runs past ${MAX_RECORD_CHARS / (1024 * 1024)} million characters without ending`);
    this.row = row;
  }
  row;
};
function createCsvStream(dialect, onRow) {
  const listeners = { data: [], end: [], error: [] };
  const source = {
    readable: true,
    read: () => null,
    pause: () => void 0,
    resume: () => void 0,
    on(event, fn) {
      (listeners[event] ??= []).push(fn);
      return source;
    },
    removeListener(event, fn) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      return source;
    }
  };
  let row = 0;
  let first = true;
  let pending = 0;
  let ended = false;
  let failure = null;
  Papa.parse(source, {
    delimiter: dialect.delimiter,
    newline: dialect.lineEnding,
    skipEmptyLines: false,
    error(e) {
      failure ??= e;
    },
    step(results) {
      row++;
      ended = true;
      const fields = results.data;
      if (fields.length === 1 && fields[0] === "") return;
      const error = results.errors.find((e) => e.code === "MissingQuotes" || e.code === "InvalidQuotes");
      if (!error) return onRow({ row, fields });
      const lines = fields.join(dialect.delimiter).split(/\r\n|\n|\r/);
      if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
      const at = row;
      row += lines.length - 1;
      onRow({ row: at, fields, error: error.message, swallowed: lines.slice(1) });
    }
  });
  return {
    push(text) {
      if (text === "") return;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 65279) text = text.slice(1);
        if (text === "") return;
      }
      ended = false;
      for (const fn of [...listeners.data]) fn(text);
      if (failure) throw failure;
      pending = ended ? 0 : pending + text.length;
      if (pending > MAX_RECORD_CHARS) throw new RecordTooLong(row + 1);
    },
    end() {
      for (const fn of [...listeners.end]) fn();
      if (failure) throw failure;
    }
  };
}

// src/ingest/names.ts
var FOLD = {
  \u00DF: "ss",
  \u00F8: "o",
  \u0111: "d",
  \u00F0: "d",
  \u0142: "l",
  \u00E6: "ae",
  \u0153: "oe",
  \u0131: "i",
  \u00FE: "th",
  \u0127: "h",
  \u0140: "l"
};
function foldName(raw) {
  return raw.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[ßøđðłæœıþħŀ]/g, (ch) => FOLD[ch] ?? ch).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function titleCase(word) {
  return word.toLowerCase().replace(/(^|[^\p{L}\p{M}\p{N}])(\p{L})/gu, (_m, sep, ch) => sep + ch.toUpperCase());
}
function displayName(raw) {
  const value = raw.replace(/\s+/g, " ").trim();
  if (value === "") return "";
  let given;
  let surname;
  const sep = /^([\p{L}\p{M}' .-]+)[,/]\s*([\p{L}\p{M}' .-]+)$/u.exec(value);
  if (sep) {
    surname = sep[1].trim();
    given = sep[2].trim();
  } else {
    const words = value.split(" ");
    const upper = (w) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
    const lead = words.findIndex((w) => !upper(w));
    if (lead > 0 && words.slice(lead).every((w) => !upper(w))) {
      surname = words.slice(0, lead).join(" ");
      given = words.slice(lead).join(" ");
    } else {
      return words.map(titleCase).join(" ");
    }
  }
  return `${given.split(" ").map(titleCase).join(" ")} ${surname.split(" ").map(titleCase).join(" ")}`.trim();
}
function nameKey(raw) {
  return foldName(displayName(raw));
}

// src/ingest/columns.ts
var REQUIRED = {
  calls: [
    ["caller", "callee", "start"],
    ["party", "other", "direction", "start"]
  ],
  transfers: [["date", "from", "to", "amount"]],
  travel: [["name", "service", "departure"]],
  subscribers: [
    ["name", "phone"],
    ["name", "account"],
    ["name", "document"],
    ["ref", "phone"],
    ["ref", "account"]
  ],
  edges: [["source", "target"]]
};
var SYNONYMS = {
  calls: {
    caller: [
      "caller",
      "a_number",
      "anumber",
      "a_party",
      "calling_number",
      "calling_party",
      "calling",
      "from",
      "from_number",
      "msisdn_a",
      "originating_number",
      "originator",
      "source_number",
      "caller_number",
      "caller_msisdn",
      "sender_number",
      "a_msisdn",
      "numero_appelant",
      "appelant"
    ],
    callee: [
      "callee",
      "b_number",
      "bnumber",
      "b_party",
      "called_number",
      "called_party",
      "called",
      "to",
      "to_number",
      "msisdn_b",
      "destination_number",
      "dialled_number",
      "dialed_number",
      "recipient",
      "recipient_number",
      "callee_number",
      "b_msisdn",
      "numero_appele",
      "appele"
    ],
    start: [
      "start",
      "start_time",
      "starttime",
      "call_start",
      "date_time",
      "datetime",
      "timestamp",
      "call_date",
      "call_time",
      "date",
      "time",
      "event_time",
      "seizure_time",
      "answer_time",
      "start_date",
      "date_heure"
    ],
    duration: [
      "duration",
      "duration_s",
      "duration_sec",
      "duration_seconds",
      "call_duration",
      "seconds",
      "secs",
      "dur",
      "length",
      "billsec",
      "duree"
    ],
    type: ["type", "call_type", "calltype", "event_type", "service", "record_type", "service_type", "kind"],
    imei: ["imei", "caller_imei", "a_imei", "handset", "handset_imei", "device_imei", "imei_a"],
    cell: [
      "cell",
      "cell_id",
      "cellid",
      "cgi",
      "ecgi",
      "site",
      "site_id",
      "lac_cell",
      "first_cell",
      "start_cell",
      "bts",
      "cell_a"
    ],
    party: [
      "msisdn",
      "target",
      "target_number",
      "subscriber",
      "subscriber_number",
      "own_number",
      "served_msisdn",
      "monitored_number"
    ],
    other: ["other_party", "other_number", "other", "counterpart", "correspondent", "partner_number", "remote_number"],
    direction: ["direction", "call_direction", "in_out", "inout", "mo_mt", "orientation"]
  },
  transfers: {
    id: [
      "id",
      "transaction_id",
      "transfer_id",
      "txn_id",
      "tx_id",
      "reference_number",
      "payment_id",
      "end_to_end_id",
      "trn"
    ],
    date: [
      "date",
      "value_date",
      "booking_date",
      "transaction_date",
      "timestamp",
      "date_time",
      "datetime",
      "time",
      "execution_date",
      "posted",
      "posting_date"
    ],
    from: [
      "from",
      "from_account",
      "debtor_iban",
      "debtor_account",
      "payer_account",
      "payer_iban",
      "sender",
      "sender_account",
      "sender_iban",
      "originator_account",
      "originator_iban",
      "source_account",
      "ordering_account",
      "account_from",
      "debit_account",
      "remitter_account"
    ],
    to: [
      "to",
      "to_account",
      "creditor_iban",
      "creditor_account",
      "payee_account",
      "payee_iban",
      "beneficiary",
      "beneficiary_account",
      "beneficiary_iban",
      "receiver",
      "receiver_account",
      "recipient_account",
      "destination_account",
      "account_to",
      "credit_account"
    ],
    amount: [
      "amount",
      "value",
      "sum",
      "transfer_amount",
      "transaction_amount",
      "amt",
      "montant",
      "betrag",
      "importe",
      "suma"
    ],
    currency: ["currency", "ccy", "cur", "currency_code", "devise", "waehrung", "moneda"],
    reference: [
      "reference",
      "remittance_information",
      "remittance_info",
      "description",
      "narrative",
      "memo",
      "details",
      "purpose",
      "payment_reference",
      "note",
      "comment",
      "libelle"
    ],
    fromName: [
      "from_name",
      "debtor_name",
      "payer_name",
      "sender_name",
      "originator_name",
      "ordering_party",
      "remitter_name",
      "remitter"
    ],
    toName: ["to_name", "creditor_name", "payee_name", "beneficiary_name", "receiver_name", "recipient_name"]
  },
  travel: {
    name: [
      "name",
      "traveller",
      "traveler",
      "traveller_name",
      "traveler_name",
      "passenger",
      "passenger_name",
      "pax_name",
      "full_name",
      "surname_given",
      "nom"
    ],
    document: [
      "document",
      "document_number",
      "document_no",
      "doc_no",
      "doc_number",
      "passport",
      "passport_number",
      "passport_no",
      "id_number",
      "travel_document",
      "travel_document_number"
    ],
    nationality: ["nationality", "citizenship", "nat", "country_of_citizenship", "issuing_country", "document_country"],
    dob: ["dob", "date_of_birth", "birth_date", "birthdate", "born"],
    carrier: ["carrier", "airline", "operator", "company", "transport_company", "carrier_code", "bus_company"],
    service: [
      "service",
      "flight",
      "flight_number",
      "flight_no",
      "service_number",
      "route_number",
      "train",
      "train_number",
      "voyage",
      "trip",
      "trip_id",
      "coach",
      "vessel",
      "service_no"
    ],
    origin: [
      "from",
      "origin",
      "departure_airport",
      "departure_port",
      "from_airport",
      "dep",
      "origin_airport",
      "boarding_point",
      "departure_station"
    ],
    destination: [
      "to",
      "destination",
      "arrival_airport",
      "arrival_port",
      "to_airport",
      "arr",
      "destination_airport",
      "arrival_station"
    ],
    departure: [
      "departure",
      "departure_time",
      "departure_date",
      "dep_time",
      "scheduled_departure",
      "date",
      "datetime",
      "travel_date",
      "date_time",
      "crossing_time",
      "std"
    ]
  },
  subscribers: {
    ref: [
      "ref",
      "person_ref",
      "person_id",
      "customer_id",
      "subscriber_id",
      "client_id",
      "kyc_id",
      "party_id",
      "customer_ref",
      "id"
    ],
    name: ["name", "full_name", "subscriber_name", "customer_name", "account_holder", "holder_name", "client_name"],
    dob: ["dob", "date_of_birth", "birth_date", "birthdate"],
    phone: [
      "phone",
      "msisdn",
      "phone_number",
      "mobile",
      "mobile_number",
      "telephone",
      "tel",
      "contact_number",
      "number"
    ],
    account: ["account", "iban", "account_number", "bank_account", "account_no"],
    document: [
      "document",
      "document_number",
      "id_document",
      "passport",
      "passport_number",
      "id_number",
      "national_id",
      "id_card"
    ],
    imei: ["imei", "handset_imei", "device_imei"],
    entityType: ["entity_type", "customer_type", "party_type", "subscriber_type", "type", "account_type", "segment"]
  },
  edges: {
    source: ["source", "src", "from", "node1", "node_1", "u", "actor1", "i", "ego", "sender"],
    target: ["target", "tgt", "dst", "to", "node2", "node_2", "v", "actor2", "j", "alter", "receiver"],
    weight: ["weight", "w", "value", "count", "strength", "calls"],
    type: ["type", "layer", "relation", "kind", "label"],
    time: ["time", "date", "timestamp", "datetime"]
  }
};
function foldHeader(header) {
  return foldName(header).replace(/ /g, "_");
}
function mapColumns(kind, headers) {
  const folded = headers.map(foldHeader);
  const synonyms = SYNONYMS[kind];
  const columns = {};
  const taken = /* @__PURE__ */ new Set();
  for (const pass of ["exact", "words"]) {
    for (const [field, names] of Object.entries(synonyms)) {
      if (columns[field] !== void 0) continue;
      for (const name of names) {
        const index = folded.findIndex(
          (h, i) => !taken.has(i) && (pass === "exact" ? h === name : `_${h}_`.includes(`_${name}_`) && name.length > 2)
        );
        if (index >= 0) {
          columns[field] = headers[index];
          taken.add(index);
          break;
        }
      }
    }
  }
  return columns;
}
function isComplete(kind, columns) {
  return REQUIRED[kind].some((set) => set.every((field) => columns[field] !== void 0));
}
function guessKinds(headers) {
  const kinds = Object.keys(SYNONYMS);
  return kinds.map((kind) => {
    const columns = mapColumns(kind, headers);
    const mapped = Object.keys(columns).length;
    return {
      kind,
      columns,
      coverage: headers.length ? mapped / headers.length : 0,
      complete: isComplete(kind, columns)
    };
  }).sort((a, b) => Number(b.complete) - Number(a.complete) || b.coverage - a.coverage);
}

// src/ingest/dates.ts
var DATE_FORMATS = ["iso", "ymd", "dmy", "mdy", "compact", "dmony", "epoch"];
var DATE_FORMAT_LABELS = {
  iso: "ISO 8601 (yyyy-mm-ddTHH:MM:SS, optional offset)",
  ymd: "yyyy/mm/dd HH:MM:SS",
  dmy: "dd/mm/yyyy HH:MM:SS",
  mdy: "mm/dd/yyyy HH:MM:SS",
  compact: "yyyymmdd HHMMSS",
  dmony: "dd-Mon-yyyy HH:MM",
  epoch: "Unix time (seconds or milliseconds)"
};
var TIME = String.raw`(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?`;
var ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
var RE = {
  iso: new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})` + TIME + ZONE + "$"),
  ymd: new RegExp(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})` + TIME + ZONE + "$"),
  dm: new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})` + TIME + ZONE + "$"),
  compact: /^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$/,
  dmony: new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4}|\d{2})` + TIME + ZONE + "$"),
  epoch: /^\d{9,10}(?:\.\d+)?$|^\d{12,13}$/
};
var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
function year(text) {
  const y = Number(text);
  return text.length === 2 ? y >= 70 ? 1900 + y : 2e3 + y : y;
}
function withTime(y, mo, d, m, at) {
  let h = m[at] === void 0 ? 0 : Number(m[at]);
  const mi = m[at + 1] === void 0 ? 0 : Number(m[at + 1]);
  const s = m[at + 2] === void 0 ? 0 : Number(m[at + 2]);
  const frac = m[at + 3];
  const ampm = m[at + 4];
  if (ampm) {
    if (h < 1 || h > 12) return null;
    const pm = /^p/i.test(ampm);
    h = h % 12 + (pm ? 12 : 0);
  }
  const ms = frac ? Math.round(Number("0." + frac) * 1e3) : 0;
  return { y, mo, d, h, mi, s, ms, zone: m[at + 5] };
}
function parts(value, format) {
  let m;
  switch (format) {
    case "iso":
      m = RE.iso.exec(value);
      return m && withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
    case "ymd":
      m = RE.ymd.exec(value);
      return m && withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
    case "dmy":
      m = RE.dm.exec(value);
      return m && withTime(year(m[4]), Number(m[3]), Number(m[1]), m, 5);
    case "mdy":
      m = RE.dm.exec(value);
      return m && withTime(year(m[4]), Number(m[1]), Number(m[3]), m, 5);
    case "compact":
      m = RE.compact.exec(value);
      if (!m) return null;
      return {
        y: Number(m[1]),
        mo: Number(m[2]),
        d: Number(m[3]),
        h: m[4] === void 0 ? 0 : Number(m[4]),
        mi: m[5] === void 0 ? 0 : Number(m[5]),
        s: m[6] === void 0 ? 0 : Number(m[6]),
        ms: 0,
        zone: void 0
      };
    case "dmony": {
      m = RE.dmony.exec(value);
      if (!m) return null;
      const mo = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
      return mo === 0 ? null : withTime(year(m[3]), mo, Number(m[1]), m, 4);
    }
    case "epoch":
      return null;
  }
}
function daysInMonth(y, mo) {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
var MIN_MS = Date.UTC(1900, 0, 1);
var MAX_MS = Date.UTC(2100, 0, 1);
var PLAUSIBLE_YEARS = "1900\u20132099";
function readDate(value, format, zone) {
  const v = value.trim();
  if (format === "epoch") {
    if (!RE.epoch.test(v)) return /^-?\d+(\.\d+)?$/.test(v) ? "range" : null;
    const n2 = Number(v);
    const ms2 = v.length >= 12 && !v.includes(".") ? n2 : n2 * 1e3;
    return ms2 >= MIN_MS && ms2 < MAX_MS ? Math.round(ms2) : "range";
  }
  const p = parts(v, format);
  if (!p) return null;
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.mo)) return null;
  if (p.h > 23 || p.mi > 59 || p.s > 59) return null;
  if (p.y < 1899 || p.y > 2100) return "range";
  let ms;
  if (p.zone !== void 0) {
    const naive = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
    ms = naive - parseFixedOffset(p.zone) * 6e4;
  } else {
    ms = wallTimeToUtc(zone, p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms);
  }
  return ms >= MIN_MS && ms < MAX_MS ? ms : "range";
}
function parseDate(value, format, zone) {
  const ms = readDate(value, format, zone);
  return typeof ms === "number" ? ms : null;
}
function detectDateFormat(samples, monthFirst = false) {
  const values = samples.map((s) => s.trim()).filter((s) => s !== "");
  if (values.length === 0) return { format: null, ambiguous: false, hasOffset: false, note: "no values to judge" };
  let best = null;
  let bestCount = 0;
  const counts = /* @__PURE__ */ new Map();
  for (const format of DATE_FORMATS) {
    const n2 = values.filter((v) => parseDate(v, format, "UTC") !== null).length;
    counts.set(format, n2);
    if (n2 > bestCount) {
      best = format;
      bestCount = n2;
    }
  }
  const hasOffset = values.some((v) => /(Z|[+-]\d{2}:?\d{2}|UTC|GMT)$/.test(v) && !RE.epoch.test(v));
  if (best === null || bestCount < Math.ceil(values.length * 0.5)) {
    return {
      format: null,
      ambiguous: false,
      hasOffset,
      note: `no known date format reads ${values.length - bestCount} of ${values.length} sample values`
    };
  }
  if (best === "dmy" || best === "mdy") {
    const dmy = counts.get("dmy");
    const mdy = counts.get("mdy");
    if (dmy === mdy) {
      const format = monthFirst ? "mdy" : "dmy";
      return {
        format,
        ambiguous: true,
        hasOffset,
        note: `every sample date reads both day-first and month-first; assumed ${DATE_FORMAT_LABELS[format]}`
      };
    }
    best = dmy > mdy ? "dmy" : "mdy";
  }
  return {
    format: best,
    ambiguous: false,
    hasOffset,
    note: `${bestCount} of ${values.length} sample values read as ${DATE_FORMAT_LABELS[best]}`
  };
}
function parseDateOnly(value, format) {
  const ms = parseDate(value, format, "UTC");
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

// src/ingest/numbers.ts
var MAX_DURATION_SECONDS = 7 * 86400;
var MAX_AMOUNT = 1e15;
function parseDuration(raw) {
  const s = readDuration(raw);
  return s !== null && s <= MAX_DURATION_SECONDS ? s : null;
}
function readDuration(raw) {
  const v = raw.trim().toLowerCase();
  if (v === "") return null;
  let m = /^(\d+(?:[.,]\d+)?)\s*(s|sec|secs|seconds)?$/.exec(v);
  if (m) return Math.round(Number(m[1].replace(",", ".")));
  m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(v);
  if (m) {
    const [h, mi, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
    if (s > 59 || m[1] !== void 0 && mi > 59) return null;
    return h * 3600 + mi * 60 + s;
  }
  m = /^(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/.exec(v);
  if (m && (m[1] || m[2])) return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return null;
}
function detectDecimalSeparator(samples) {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const v = raw.replace(/[^\d.,]/g, "");
    const lastComma = v.lastIndexOf(",");
    const lastDot = v.lastIndexOf(".");
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (lastComma >= 0 || lastDot >= 0) {
      const mark = lastComma >= 0 ? "," : ".";
      const count = v.split(mark).length - 1;
      const after = v.length - v.lastIndexOf(mark) - 1;
      const vote = count > 1 ? mark === "," ? "." : "," : after !== 3 ? mark : null;
      if (vote === ",") comma++;
      else if (vote === ".") dot++;
    }
  }
  return { separator: comma > dot ? "," : ".", ambiguous: comma > 0 && dot > 0 };
}
var CURRENCY_SYMBOLS = {
  "\u20AC": "EUR",
  "\xA3": "GBP",
  $: "USD",
  "\xA5": "JPY",
  "\u20BA": "TRY",
  "\u20B9": "INR",
  lei: "RON"
};
function parseAmount(raw, separator) {
  let v = raw.trim();
  if (v === "") return { ok: false, reason: "empty amount" };
  let currency;
  const code = /(?:^([A-Z]{3})\s*|\s*([A-Z]{3})$)/.exec(v);
  if (code) {
    currency = code[1] ?? code[2];
    v = v.replace(code[0], "");
  }
  for (const [symbol, iso2] of Object.entries(CURRENCY_SYMBOLS)) {
    if (v.includes(symbol)) {
      currency = iso2;
      v = v.replace(symbol, "");
    }
  }
  v = v.trim();
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  if (v.startsWith("-")) {
    negative = true;
    v = v.slice(1);
  } else if (v.endsWith("-")) {
    negative = true;
    v = v.slice(0, -1);
  }
  v = v.replace(/[\s'\u00a0\u202f]/g, "");
  const thousands = separator === "," ? "." : ",";
  if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*(\\${separator}\\d+)?$|^\\d+(\\${separator}\\d+)?$`).test(v)) {
    return { ok: false, reason: `"${raw}" is not an amount (decimal separator "${separator}")` };
  }
  const amount = Number(v.split(thousands).join("").replace(separator, "."));
  if (!Number.isFinite(amount)) return { ok: false, reason: `"${raw}" is not a finite amount` };
  if (amount >= MAX_AMOUNT) return { ok: false, reason: `"${raw}" is 10^15 or more: not a real transfer` };
  return { ok: true, amount: negative ? -amount : amount, currency };
}
function parseWeight(raw) {
  const v = raw.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) return null;
  const n2 = Number(v);
  return Number.isFinite(n2) ? n2 : null;
}

// src/ingest/phone.ts
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
var WITHHELD = /^(withheld|private|unknown|anonymous|restricted|hidden|unavailable|n\/?a|none|null|no caller id|-+|0+|\*+|x+)$/i;
var DIGIT_ZEROS = [
  1632,
  1776,
  1984,
  2406,
  2534,
  2662,
  2790,
  2918,
  3046,
  3174,
  3302,
  3430,
  3558,
  3664,
  3792,
  3872,
  4160,
  4240,
  6112,
  6160
];
function asciiDigits(value) {
  if (!/[^ -~]/.test(value)) return value;
  return value.normalize("NFKC").replace(/\p{Nd}/gu, (c) => {
    const cp = c.codePointAt(0);
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    return zero === void 0 ? c : String(cp - zero);
  });
}
function normalisePhone(raw, defaultCountry) {
  const value = asciiDigits(raw.trim());
  if (value === "" || WITHHELD.test(value)) {
    return { ok: false, withheld: true, reason: `"${raw}" is a withheld or unknown number` };
  }
  if (!/^[+(]?[\d\s().\-/]+$/.test(value)) {
    return { ok: false, withheld: false, reason: `"${raw}" is not a phone number` };
  }
  const digits = value.replace(/\D/g, "");
  if (digits.length >= 3 && digits.length <= 6 && !value.startsWith("+")) {
    return { ok: true, e164: digits, valid: false };
  }
  const country = defaultCountry;
  const withPlus = value.startsWith("+") || value.startsWith("00") ? "+" + digits.replace(/^00/, "") : null;
  const attempts = withPlus ? [withPlus] : [digits, "+" + digits];
  let possible = null;
  for (const attempt of attempts) {
    const parsed = parseCached(attempt, country);
    if (!parsed) continue;
    if (parsed.valid) return { ok: true, e164: parsed.number, valid: true };
    if (possible === null && parsed.possible) possible = parsed.number;
  }
  if (possible !== null) return { ok: true, e164: possible, valid: false };
  return {
    ok: false,
    withheld: false,
    reason: `"${raw}" cannot be read as a phone number (default country ${defaultCountry})`
  };
}
var parses = /* @__PURE__ */ new Map();
function parseCached(attempt, country) {
  const key = `${country}|${attempt}`;
  let hit = parses.get(key);
  if (hit === void 0) {
    const parsed = parsePhoneNumberFromString(attempt, country);
    hit = parsed ? { number: parsed.number, valid: parsed.isValid(), possible: parsed.isPossible() } : null;
    if (parses.size >= 3e6) parses.clear();
    parses.set(key, hit);
  }
  return hit;
}

// src/ingest/iban.ts
var IBAN_LENGTHS = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20
};
function ibanChecksumOk(iban) {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}
function normaliseAccount(raw) {
  const compact = raw.replace(/[\s\-.]/g, "").toUpperCase();
  if (compact === "") return { ok: false, reason: "empty account" };
  if (!/^[A-Z0-9/]+$/.test(compact))
    return { ok: false, reason: `"${raw}" has characters an account number cannot have` };
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{8,}$/.test(compact)) {
    const expected = IBAN_LENGTHS[compact.slice(0, 2)];
    if (expected !== void 0 && compact.length !== expected) {
      return {
        ok: false,
        reason: `IBAN "${raw}" has ${compact.length} characters; ${compact.slice(0, 2)} IBANs have ${expected}`
      };
    }
    if (!ibanChecksumOk(compact)) return { ok: false, reason: `IBAN "${raw}" fails its mod-97 check` };
    return { ok: true, id: compact, iban: true };
  }
  return { ok: true, id: compact, iban: false };
}

// src/ingest/adapters/context.ts
function normalisePhoneId(raw, country) {
  const r = normalisePhone(raw, country);
  return r.ok ? { ok: true, id: `tel:${r.e164}` } : r;
}
var CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
var CONTROLS_ALL = new RegExp(CONTROLS.source, "g");
var RowRejected = class {
  constructor(problem) {
    this.problem = problem;
  }
  problem;
};
var RowContext = class {
  constructor(indices, headers, formats) {
    this.indices = indices;
    this.headers = headers;
    this.formats = formats;
  }
  indices;
  headers;
  formats;
  fields = [];
  source = { file: 0, row: 0 };
  has(field) {
    return this.indices[field] !== void 0;
  }
  /**
   * The trimmed value of `field`, or '' when the file has no such column. Control characters (line breaks in
   * a quoted cell, terminal escapes) and bidirectional overrides, which can make a name display as another,
   * become spaces: no value carries them into the graph, the view or an export.
   */
  get(field) {
    const i = this.indices[field];
    if (i === void 0) return "";
    const v = this.fields[i] ?? "";
    return CONTROLS.test(v) ? v.replace(CONTROLS_ALL, " ").replace(/ {2,}/g, " ").trim() : v.trim();
  }
  /** Stops this row: it is reported with the column's header name. */
  reject(field, code, message) {
    throw new RowRejected({ column: this.headers[field] ?? field, code, message });
  }
  required(field) {
    const v = this.get(field);
    if (v === "") this.reject(field, "missing_value", `no ${field} in column "${this.headers[field] ?? field}"`);
    return v;
  }
  time(field) {
    const v = this.required(field);
    const ms = this.formats.dateFormat ? readDate(v, this.formats.dateFormat, this.formats.timeZone) : null;
    if (ms === "range")
      this.reject(
        field,
        "bad_date",
        `"${v}" is outside the plausible years ${PLAUSIBLE_YEARS} (a typo or a placeholder?)`
      );
    if (ms === null)
      this.reject(
        field,
        "bad_date",
        `"${v}" is not a date-time in the file's format (${this.formats.dateFormat ?? "none detected"})`
      );
    return ms;
  }
  optionalTime(field) {
    return this.get(field) === "" ? void 0 : this.time(field);
  }
  dob(field) {
    const v = this.get(field);
    if (v === "") return void 0;
    const d = this.formats.dobFormat ? parseDateOnly(v, this.formats.dobFormat) : null;
    if (d === null)
      this.reject(
        field,
        "bad_date",
        `"${v}" is not a date of birth in the file's format (${this.formats.dobFormat ?? "none detected"})`
      );
    return d;
  }
  // The identifier readers take the field's value, or one part of a multi-valued cell when given.
  /** A phone as an identifier key `tel:+44…`; withheld numbers reject the row with `withheld_party`. */
  phone(field, value = this.get(field)) {
    const v = value.trim();
    let r = this.phoneCache.get(v);
    if (r === void 0) {
      r = normalisePhoneId(v, this.formats.country);
      if (this.phoneCache.size > 1e6) this.phoneCache.clear();
      this.phoneCache.set(v, r);
    }
    if (!r.ok) this.reject(field, r.withheld ? "withheld_party" : "bad_phone", r.reason);
    return r.id;
  }
  phoneCache = /* @__PURE__ */ new Map();
  account(field, value = this.required(field)) {
    const v = value.trim();
    const r = normaliseAccount(v);
    if (!r.ok) this.reject(field, "bad_iban", r.reason);
    return `acct:${r.id}`;
  }
  imei(field, value = this.get(field)) {
    const v = value.replace(/[\s\-/]/g, "");
    if (v === "") return void 0;
    if (!/^\d{14,16}$/.test(v)) this.reject(field, "bad_imei", `"${value.trim()}" is not an IMEI (14 to 16 digits)`);
    return `imei:${v.slice(0, 14)}`;
  }
  document(field, value = this.get(field)) {
    const v = value.replace(/[\s\-.]/g, "").toUpperCase();
    return v === "" ? void 0 : `doc:${v}`;
  }
};

// src/ingest/adapters/calls.ts
var SMS = /sms|text|msg|mms|message/i;
var VOICE = /voice|call|moc|mtc|tel|^v$|^$/i;
var INCOMING = /^(in|incoming|mt|terminating|received|inbound|i|rx)$/i;
var OUTGOING = /^(out|outgoing|mo|originating|sent|outbound|o|tx)$/i;
function readCall(ctx) {
  let caller;
  let callee;
  if (ctx.has("caller") && ctx.has("callee")) {
    caller = ctx.phone("caller");
    callee = ctx.phone("callee");
  } else {
    const party = ctx.phone("party");
    const other = ctx.phone("other");
    const direction = ctx.required("direction");
    if (INCOMING.test(direction)) [caller, callee] = [other, party];
    else if (OUTGOING.test(direction)) [caller, callee] = [party, other];
    else ctx.reject("direction", "missing_value", `"${direction}" is not a call direction (in/out, MO/MT)`);
  }
  if (caller === callee)
    ctx.reject("callee", "self_contact", `caller and callee are the same number (${caller.slice(4)})`);
  const start = ctx.time("start");
  const rawType = ctx.get("type");
  const type = SMS.test(rawType) ? "sms" : VOICE.test(rawType) ? "voice" : "other";
  let duration = 0;
  const rawDuration = ctx.get("duration");
  if (rawDuration !== "") {
    const d = parseDuration(rawDuration);
    if (d === null)
      ctx.reject(
        "duration",
        "bad_duration",
        `"${rawDuration}" is not a duration of up to a week (seconds or hh:mm:ss)`
      );
    duration = d;
  }
  const record = { kind: "calls", ...ctx.source, caller, callee, start, duration, type };
  const imei = ctx.imei("imei");
  if (imei) record.imei = imei;
  const cell = ctx.get("cell");
  if (cell) record.cell = cell;
  return record;
}

// src/ingest/adapters/transfers.ts
function readTransfer(ctx) {
  let from = ctx.account("from");
  let to = ctx.account("to");
  const time2 = ctx.time("date");
  const rawAmount = ctx.required("amount");
  const parsed = parseAmount(rawAmount, ctx.formats.decimal);
  if (!parsed.ok) ctx.reject("amount", "bad_amount", parsed.reason);
  let amount = parsed.amount;
  let fromName = ctx.get("fromName");
  let toName = ctx.get("toName");
  if (amount < 0) {
    [from, to, fromName, toName] = [to, from, toName, fromName];
    amount = -amount;
  }
  if (amount === 0) ctx.reject("amount", "bad_amount", "a transfer of zero moves no money");
  if (from === to) ctx.reject("to", "self_contact", "the payer and the payee are the same account");
  const currency = (ctx.get("currency") || parsed.currency || ctx.formats.currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    ctx.reject("currency", "bad_amount", `"${currency}" is not a three-letter currency code`);
  const record = { kind: "transfers", ...ctx.source, time: time2, from, to, amount, currency };
  const id = ctx.get("id");
  if (id) record.id = id;
  const reference = ctx.get("reference");
  if (reference) record.reference = reference;
  if (fromName) record.fromName = displayName(fromName);
  if (toName) record.toName = displayName(toName);
  return record;
}

// src/ingest/adapters/travel.ts
function readTravel(ctx) {
  const rawName = ctx.required("name");
  const name = displayName(rawName);
  const key = nameKey(rawName);
  if (key === "") ctx.reject("name", "missing_value", `"${rawName}" holds no letters of a name`);
  const document = ctx.document("document");
  const service = ctx.required("service").replace(/\s+/g, "").toUpperCase();
  const carrier = ctx.get("carrier").replace(/\s+/g, " ").toUpperCase();
  const departure = ctx.time("departure");
  const record = {
    kind: "travel",
    ...ctx.source,
    traveller: document ? `${document}#${key}` : `name:${key}`,
    name,
    nameKey: key,
    carrier,
    service,
    departure
  };
  if (document) record.document = document;
  const nationality = ctx.get("nationality").toUpperCase();
  if (nationality) record.nationality = nationality;
  const dob = ctx.dob("dob");
  if (dob) record.dob = dob;
  const origin = ctx.get("origin").toUpperCase();
  if (origin) record.origin = origin;
  const destination = ctx.get("destination").toUpperCase();
  if (destination) record.destination = destination;
  return record;
}

// src/ingest/adapters/subscribers.ts
var ORGANISATION_TYPE = /business|company|corporate|organi[sz]ation|org|ltd|merchant|commercial|enterprise|legal/i;
var ORGANISATION_NAME = /\b(ltd|limited|llc|plc|gmbh|s\.?r\.?l|s\.?a|inc|co|company|taxis?|cabs?|surgery|clinic|pharmacy|hotel|restaurant|takeaway|pizza|services|transfers?|remittance|exchange|shop|store|garage|cars|logistics|agency|bank)\b/i;
function readSubscriber(ctx) {
  const identifiers = [];
  const ref = ctx.get("ref");
  if (ref) identifiers.push(`ref:${ref}`);
  for (const field of ["phone", "account", "document", "imei"]) {
    const cell = ctx.get(field);
    if (cell === "") continue;
    const separators = field === "phone" || field === "imei" ? /\s*[;/|]\s*/ : /\s*[;|]\s*/;
    const parts2 = cell.split(separators).filter((part) => part !== "");
    for (const part of parts2) {
      if (field === "phone") identifiers.push(ctx.phone(field, part));
      else if (field === "account") identifiers.push(ctx.account(field, part));
      else if (field === "document") identifiers.push(ctx.document(field, part));
      else identifiers.push(ctx.imei(field, part));
    }
  }
  const rawName = ctx.get("name");
  if (identifiers.length === (ref ? 1 : 0)) {
    ctx.reject("phone", "no_identifier", "the row names no phone, account, document or handset");
  }
  const name = rawName ? displayName(rawName) : void 0;
  const entityType = ORGANISATION_TYPE.test(ctx.get("entityType")) || rawName !== "" && ORGANISATION_NAME.test(rawName) ? "organisation" : "person";
  const record = { kind: "subscribers", ...ctx.source, identifiers, entityType };
  if (ref) record.ref = ref;
  if (name) {
    record.name = entityType === "organisation" ? rawName.replace(/\s+/g, " ").trim() : name;
    record.nameKey = nameKey(rawName);
  }
  const dob = ctx.dob("dob");
  if (dob) record.dob = dob;
  return record;
}

// src/ingest/adapters/edges.ts
function edgeNodeId(raw, country) {
  if (/^\+?[\d\s()-]{7,}$/.test(raw)) {
    const phone = normalisePhone(raw, country);
    if (phone.ok && phone.valid) return `tel:${phone.e164}`;
  }
  if (/^[A-Za-z]{2}\d{2}/.test(raw)) {
    const account = normaliseAccount(raw);
    if (account.ok && account.iban) return `acct:${account.id}`;
  }
  return `node:${raw}`;
}
function readEdge(ctx) {
  const source = edgeNodeId(ctx.required("source"), ctx.formats.country);
  const target = edgeNodeId(ctx.required("target"), ctx.formats.country);
  if (source === target) ctx.reject("target", "self_contact", "the source and the target are the same");
  let weight = 1;
  const rawWeight = ctx.get("weight");
  if (rawWeight !== "") {
    const w = parseWeight(rawWeight);
    if (w === null || w === 0) ctx.reject("weight", "bad_weight", `"${rawWeight}" is not a positive number`);
    weight = w;
  }
  const record = { kind: "edges", ...ctx.source, source, target, weight };
  const type = ctx.get("type");
  if (type) record.type = type;
  const time2 = ctx.optionalTime("time");
  if (time2 !== void 0) record.time = time2;
  return record;
}

// src/ingest/ingest.ts
var ADAPTERS = {
  calls: readCall,
  transfers: readTransfer,
  travel: readTravel,
  subscribers: readSubscriber,
  edges: readEdge
};
var TIME_FIELD = {
  calls: "start",
  transfers: "date",
  travel: "departure",
  subscribers: "",
  edges: "time"
};
var DOB_FIELD = { travel: "dob", subscribers: "dob" };
var SNIFF_BYTES = 256 * 1024;
function nonEmptyHead(head) {
  return head.some(
    (b) => b !== 32 && b !== 10 && b !== 13 && b !== 9 && b !== 239 && b !== 187 && b !== 191
  );
}
function detectFile(file, head, options, spec = {}) {
  const notes = [];
  const warnings = [];
  const problems = [];
  const sniffed = sniffEncoding(head);
  const encoding = spec.encoding ?? sniffed.encoding;
  notes.push(spec.encoding ? `encoding ${encoding} (from the mapping)` : `encoding ${encoding}: ${sniffed.note}`);
  const formats = {
    country: spec.country ?? options.country,
    timeZone: spec.timeZone ?? options.timeZone,
    dateFormat: spec.dateFormat ?? null,
    dobFormat: spec.dobFormat ?? null,
    decimal: spec.decimal ?? ".",
    currency: spec.currency ?? options.currency
  };
  const base = {
    file,
    kind: null,
    encoding,
    bom: sniffed.bom,
    delimiter: spec.delimiter ?? ",",
    lineEnding: "\n",
    headers: [],
    columns: {},
    formats,
    notes,
    warnings,
    problems,
    sample: []
  };
  if (!nonEmptyHead(head)) {
    problems.push("the file is empty");
    return base;
  }
  if (!encoding.startsWith("utf-16") && head.subarray(0, 8192).includes(0)) {
    problems.push("the file holds binary data (NUL bytes), not delimited text");
    return base;
  }
  let text = createDecoder(encoding).decode(head);
  if (text.charCodeAt(0) === 65279) text = text.slice(1);
  const lastBreak = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
  if (head.length >= SNIFF_BYTES && lastBreak > 0) text = text.slice(0, lastBreak);
  const dialect = detectDialect(text);
  const delimiter = spec.delimiter ?? dialect.delimiter;
  base.delimiter = delimiter;
  base.lineEnding = dialect.lineEnding;
  notes.push(
    spec.delimiter ? `delimiter ${JSON.stringify(delimiter)} (from the mapping)` : `delimiter: ${dialect.note}`,
    `line endings ${dialect.lineEnding === "\r\n" ? "CRLF" : dialect.lineEnding === "\r" ? "CR" : "LF"}`
  );
  if (!spec.delimiter && !dialect.confident)
    problems.push(`unsure of the delimiter (${dialect.note}); set "delimiter" in a mapping`);
  const rows3 = Papa2.parse(text, { delimiter, newline: dialect.lineEnding, preview: 1001 }).data.filter(
    (r) => !(r.length === 1 && r[0] === "")
  );
  const headers = (rows3[0] ?? []).map((h) => h.trim());
  base.headers = headers;
  base.sample = rows3.slice(1);
  if (rows3.length <= 1) warnings.push("the file has a header and no data rows");
  let kind = spec.kind ?? null;
  let columns = {};
  if (kind) {
    columns = mapColumns(kind, headers);
    notes.push(`kind ${kind} (from the mapping)`);
  } else {
    const guesses = guessKinds(headers).filter((g) => g.complete);
    const [best, second] = guesses;
    if (!best) {
      problems.push(
        `unknown kind of file: no known set of columns in the header (${headers.slice(0, 8).map((h) => JSON.stringify(h)).join(", ")}); set "kind" and "columns" in a mapping`
      );
    } else if (second && second.coverage === best.coverage) {
      problems.push(
        `unsure of the kind: the header fits ${best.kind} and ${second.kind} equally; set "kind" in a mapping`
      );
    } else {
      kind = best.kind;
      columns = best.columns;
      notes.push(`kind ${kind}: ${Object.keys(columns).length} of ${headers.length} columns recognised`);
    }
  }
  if (spec.columns) {
    for (const [field, header] of Object.entries(spec.columns)) {
      if (!headers.includes(header))
        problems.push(`the mapping names column "${header}" for ${field}, but the header has no such column`);
      else columns[field] = header;
    }
  }
  base.kind = kind;
  base.columns = columns;
  if (!kind) return base;
  if (!isComplete(kind, columns)) {
    const need = REQUIRED[kind].map((set) => set.join(" + ")).join(" or ");
    problems.push(`the ${kind} columns are incomplete: need ${need}`);
    return base;
  }
  const samplesOf = (field) => {
    const index = headers.indexOf(columns[field] ?? "\0");
    return index < 0 ? [] : base.sample.map((r) => r[index] ?? "");
  };
  const monthFirst = formats.country === "US";
  const timeField = TIME_FIELD[kind];
  if (timeField && columns[timeField] && !spec.dateFormat) {
    const detected = detectDateFormat(samplesOf(timeField), monthFirst);
    if (detected.format === null && samplesOf(timeField).some((v) => v.trim() !== "")) {
      problems.push(`unknown date format in "${columns[timeField]}" (${detected.note}); set "dateFormat" in a mapping`);
    }
    formats.dateFormat = detected.format;
    notes.push(`dates in "${columns[timeField]}": ${detected.note}`);
    if (detected.ambiguous)
      warnings.push(
        `${detected.note} (from country ${formats.country}); set "dateFormat" in a mapping if that is wrong`
      );
    if (detected.format && !detected.hasOffset && detected.format !== "epoch" && !spec.timeZone && !options.timeZoneStated) {
      warnings.push(
        `times carry no UTC offset and no zone was given: read as ${formats.timeZone}; pass --tz or set "timeZone" in a mapping`
      );
    }
  } else if (spec.dateFormat) {
    notes.push(`dates: ${DATE_FORMAT_LABELS[spec.dateFormat]} (from the mapping)`);
  }
  const dobField = DOB_FIELD[kind];
  if (dobField && columns[dobField] && !spec.dobFormat) {
    const detected = detectDateFormat(samplesOf(dobField), monthFirst);
    formats.dobFormat = detected.format;
    if (detected.ambiguous) warnings.push(`dates of birth: ${detected.note}`);
  }
  if (kind === "transfers" && !spec.decimal) {
    const detected = detectDecimalSeparator(samplesOf("amount"));
    formats.decimal = detected.separator;
    notes.push(`amounts use "${detected.separator}" as the decimal mark`);
    if (detected.ambiguous)
      warnings.push('amounts mix decimal commas and decimal points; set "decimal" in a mapping if rows are rejected');
  }
  return base;
}
function createSink() {
  return { files: [], records: emptyRecords(), issues: [], seen: /* @__PURE__ */ new Map() };
}
var RowFingerprints = class {
  map = /* @__PURE__ */ new Map();
  /** Returns the first [file, row] seen with the same fingerprint, or records this one and returns null. */
  check(text, file, row) {
    let h1 = 2166136261;
    let h2 = 16777619 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 1540483477) ^ h2 >>> 15;
    }
    const entry = this.map.get(h1 >>> 0);
    if (entry) {
      for (let i = 0; i < entry.length; i += 3) if (entry[i] === h2 >>> 0) return [entry[i + 1], entry[i + 2]];
      entry.push(h2 >>> 0, file, row);
    } else this.map.set(h1 >>> 0, [h2 >>> 0, file, row]);
    return null;
  }
};
function createFileIngestor(detection, sink, onProgress) {
  const kind = detection.kind;
  if (!kind || detection.problems.length)
    throw new Error(`ingest: ${detection.file} is not ready to read: ${detection.problems.join("; ")}`);
  const fileIndex = sink.files.length;
  sink.files.push(detection.file);
  const report = emptyReport(detection);
  let seen = sink.seen.get(kind);
  if (!seen) sink.seen.set(kind, seen = new RowFingerprints());
  const fingerprints = seen;
  const ctx = createRowContext(detection);
  const adapter = ADAPTERS[kind];
  const width = detection.headers.length;
  let named = width;
  while (named > 0 && detection.headers[named - 1] === "") named--;
  const out = sink.records[kind];
  const reject = (row, raw, column, code, message) => {
    report.rowsRejected++;
    sink.issues.push({ file: detection.file, row, column, code, message: clip(message, 500), raw: clip(raw, 2e3) });
  };
  let headerSeen = false;
  const onRow = ({ row, fields, error, swallowed }) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    report.rowsRead++;
    if (onProgress && report.rowsRead % 1e5 === 0) onProgress(report.rowsRead);
    const raw = fields.join(detection.delimiter);
    if (error) {
      const lines = swallowed ?? [];
      const own = raw.split(/\r\n|\n|\r/, 1)[0];
      reject(
        row,
        own,
        "",
        "malformed_quotes",
        lines.length ? `unbalanced quotes: ${error}; the quoted field runs on over the next ${lines.length} line(s), rows ${row + 1}\u2013${row + lines.length}, which are rejected with it` : `unbalanced quotes: ${error}; the field runs on past the end of its line`
      );
      lines.forEach((line, k2) => {
        report.rowsRead++;
        reject(
          row + k2 + 1,
          line,
          "",
          "malformed_quotes",
          `inside the field left open by the unbalanced quote of row ${row}`
        );
      });
      return;
    }
    if (fields.length < named) {
      return reject(
        row,
        raw,
        detection.headers[fields.length] ?? "",
        "truncated_row",
        `the row has ${fields.length} fields; the header has ${width}`
      );
    }
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== "")) {
      return reject(
        row,
        raw,
        "",
        "extra_fields",
        `the row has ${fields.length} fields; the header has ${width} (a delimiter inside an unquoted value?)`
      );
    }
    const first = fingerprints.check(raw, fileIndex, row);
    if (first) {
      report.duplicates++;
      const where = first[0] === fileIndex ? `row ${first[1]}` : `row ${first[1]} of ${sink.files[first[0]]}`;
      sink.issues.push({
        file: detection.file,
        row,
        column: "",
        code: "duplicate_row",
        message: `exact duplicate of ${where}; counted once`,
        raw
      });
      return;
    }
    ctx.fields = fields;
    ctx.source = { file: fileIndex, row };
    try {
      out.push(adapter(ctx));
      report.rowsUsed++;
    } catch (e) {
      if (!(e instanceof RowRejected)) throw e;
      reject(row, raw, e.problem.column, e.problem.code, e.problem.message);
    }
  };
  const timeField = TIME_FIELD[kind];
  let pending = timeField && detection.columns[timeField] && !detection.formats.dateFormat ? [] : null;
  const settle = () => {
    if (!pending) return;
    const detected = detectDateFormat(
      pending.map((r) => {
        ctx.fields = r.fields;
        return ctx.get(timeField);
      }),
      detection.formats.country === "US"
    );
    ctx.formats.dateFormat = detected.format;
    report.dateFormat = detected.format;
    report.warnings.push(`dates detected from the first ${pending.length} rows: ${detected.note}`);
    const rows3 = pending;
    pending = null;
    rows3.forEach(onRow);
  };
  const decoder = createDecoder(detection.encoding);
  const csv = createCsvStream(detection, (row) => {
    if (pending && headerSeen) {
      pending.push(row);
      if (pending.length >= 200) settle();
    } else onRow(row);
  });
  let replacementSeen = false;
  const feed = (text) => {
    if (!replacementSeen && detection.encoding === "utf-8" && text.includes("\uFFFD")) {
      replacementSeen = true;
      report.warnings.push(
        'some bytes are not valid UTF-8 and were read as U+FFFD; set "encoding" in a mapping if names look wrong'
      );
    }
    csv.push(text);
  };
  return {
    push(bytes) {
      try {
        feed(decoder.decode(bytes, { stream: true }));
      } catch (e) {
        if (!(e instanceof RecordTooLong)) throw e;
        throw appError(
          "ingest",
          `${detection.file}: ${e.message}, so reading stopped; an unbalanced quote (") usually causes this. Correct the row, or remove the file from the case`
        );
      }
    },
    end() {
      feed(decoder.decode(new Uint8Array(), { stream: false }));
      csv.end();
      settle();
      return report;
    },
    rowsRead: () => report.rowsRead
  };
}
function clip(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026 (${text.length.toLocaleString("en")} characters)`;
}
function createRowContext(detection) {
  const indices = /* @__PURE__ */ Object.create(null);
  const headersByField = /* @__PURE__ */ Object.create(null);
  for (const [field, header] of Object.entries(detection.columns)) {
    const index = header === void 0 ? -1 : detection.headers.indexOf(header);
    if (index >= 0) {
      indices[field] = index;
      headersByField[field] = header;
    }
  }
  return new RowContext(indices, headersByField, { ...detection.formats });
}
function emptyReport(detection) {
  return {
    file: detection.file,
    kind: detection.kind,
    encoding: detection.encoding,
    delimiter: detection.delimiter,
    dateFormat: detection.formats.dateFormat,
    timeZone: detection.formats.timeZone,
    columns: detection.columns,
    rowsRead: 0,
    rowsUsed: 0,
    rowsRejected: 0,
    duplicates: 0,
    warnings: [...detection.warnings]
  };
}
function skippedReport(detection) {
  return { ...emptyReport(detection), skipped: detection.problems.join("; ") };
}

// src/ingest/spec.ts
function specFor(spec, fileName) {
  if (!spec) return void 0;
  const base = fileName.split(/[\\/]/).pop();
  return Object.hasOwn(spec.files, base) ? spec.files[base] : Object.hasOwn(spec.files, "*") ? spec.files["*"] : void 0;
}

// src/export/csv.ts
var RISKY_START = /^[=+\-@\t\r]/;
var PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
function safeCell(value) {
  return RISKY_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
function quote(value) {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
function formatNumber(value, digits = 6) {
  if (!Number.isFinite(value)) return "";
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits).replace(/\.?0+$/, "");
}
function cellText(value) {
  if (value === null || value === void 0) return "";
  if (typeof value === "number") return formatNumber(value);
  return String(value);
}
var TextChunks = class {
  constructor(limit = 4 << 20) {
    this.limit = limit;
  }
  limit;
  chunks = [];
  parts = [];
  size = 0;
  add(text) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) this.flush();
  }
  done() {
    this.flush();
    return this.chunks;
  }
  flush() {
    if (this.parts.length) this.chunks.push(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
};
function csvCell(value) {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return quote(safeCell(cellText(value)));
}
function csvChunks(headers, rows3) {
  const out = new TextChunks();
  out.add(headers.map((h) => quote(safeCell(h))).join(",") + "\r\n");
  for (const row of rows3) out.add(row.map(csvCell).join(",") + "\r\n");
  return out.done();
}
function* lazily(items, row) {
  for (const item of items) yield row(item);
}
function toCsv(headers, rows3) {
  return csvChunks(headers, rows3).join("");
}
function formatAmounts(amounts, separator = "; ") {
  return Object.entries(amounts).sort().map(([c, a]) => `${formatNumber(a, 2)} ${c}`).join(separator);
}

// src/export/gexf.ts
var XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
var NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\u0085\u2028\ufffe\uffff\ud800-\udfff]/;
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function escapeXml(value) {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(XML_FORBIDDEN, "").replace(LONE_SURROGATE, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\u0085/g, "&#133;").replace(/\u2028/g, "&#8232;");
}
var NODE_ATTRS = [
  ["kind", "string"],
  ["identifiers", "string"],
  ["community", "integer"],
  ["rank", "integer"],
  ["score", "double"],
  ["degree", "integer"],
  ["strength", "double"],
  ["betweenness", "double"],
  ["closeness", "double"],
  ["eigenvector", "double"],
  ["pagerank", "double"],
  ["hub_penalty", "double"]
];
var EDGE_ATTRS = [
  ["layer", "string"],
  ["count", "integer"],
  ["seconds", "integer"],
  ["amounts", "string"],
  ["trips", "integer"]
];
function nodeValues(result2, id) {
  const n2 = result2.graph.getNodeAttributes(id);
  const m = result2.analysis.metrics.get(id);
  return {
    kind: n2.kind,
    identifiers: n2.identifiers.join(";"),
    community: String(m.community),
    rank: String(m.rank),
    score: formatNumber(m.score),
    degree: String(m.degree),
    strength: formatNumber(m.strength),
    betweenness: formatNumber(m.betweenness),
    closeness: formatNumber(m.closeness),
    eigenvector: formatNumber(m.eigenvector),
    pagerank: formatNumber(m.pagerank),
    hub_penalty: formatNumber(m.hubPenalty)
  };
}
function edgeValues(result2, key) {
  const e = result2.graph.getEdgeAttributes(key);
  return {
    layer: e.layer,
    count: String(e.count),
    seconds: String(e.seconds),
    amounts: formatAmounts(e.amounts),
    trips: String(e.trips)
  };
}
var asIs = (v) => v;
var TEXT_ATTRS = /* @__PURE__ */ new Set(["kind", "identifiers", "amounts", "layer"]);
function attrText(key, value, text) {
  return escapeXml(TEXT_ATTRS.has(key) ? text(value) : value);
}
function gexfChunks(result2, meta, text = asIs) {
  const { graph } = result2;
  const x = (v) => escapeXml(text(v));
  const out = new TextChunks();
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>Unravel ${escapeXml(meta.version)}</creator></meta>`,
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRS.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>`),
    "    </attributes>",
    '    <attributes class="edge">',
    ...EDGE_ATTRS.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>`),
    "    </attributes>",
    "    <nodes>"
  ];
  for (const line of head) out.add(line + "\n");
  for (const id of graph.nodes().sort()) {
    const n2 = graph.getNodeAttributes(id);
    const values = nodeValues(result2, id);
    out.add(`      <node id="${x(id)}" label="${x(n2.label)}"><attvalues>
`);
    for (const [key] of NODE_ATTRS)
      out.add(`        <attvalue for="${key}" value="${attrText(key, values[key], text)}"/>
`);
    out.add("      </attvalues></node>\n");
  }
  out.add("    </nodes>\n    <edges>\n");
  for (const key of graph.edges().sort()) {
    const e = graph.getEdgeAttributes(key);
    const weight = interactions(e);
    const type = graph.isDirected(key) ? ' type="directed"' : "";
    const values = edgeValues(result2, key);
    out.add(
      `      <edge id="${x(key)}" source="${x(graph.source(key))}" target="${x(graph.target(key))}"${type} weight="${formatNumber(weight)}"><attvalues>
`
    );
    for (const [k2] of EDGE_ATTRS) out.add(`        <attvalue for="${k2}" value="${attrText(k2, values[k2], text)}"/>
`);
    out.add("      </attvalues></edge>\n");
  }
  out.add("    </edges>\n  </graph>\n</gexf>\n");
  return out.done();
}

// src/export/sources.ts
function formatSources(sources, files2, limit = Infinity) {
  const byFile = /* @__PURE__ */ new Map();
  for (let i = 0; i < sources.length; i += 2) {
    let rows3 = byFile.get(sources[i]);
    if (!rows3) byFile.set(sources[i], rows3 = []);
    rows3.push(sources[i + 1]);
  }
  return [...byFile.entries()].sort((a, b) => a[0] - b[0]).map(([file, rows3]) => {
    const sorted = [...new Set(rows3)].sort((a, b) => a - b);
    const shown = sorted.slice(0, limit).join(",");
    return `${files2[file] ?? `file${file}`}:${shown}${sorted.length > limit ? ` (+${sorted.length - limit} more)` : ""}`;
  }).join("; ");
}

// src/export/targets.ts
function round(x, digits = 6) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function buildTargets(result2, files2, top2, overrides = {}) {
  const { analysis, graph } = result2;
  const pinned = new Set(overrides.pinned ?? []);
  const ids = (overrides.order ?? analysis.ranking.slice(0, top2)).filter(
    (id) => analysis.metrics.has(id) && graph.hasNode(id)
  );
  return ids.map((id) => {
    const m = analysis.metrics.get(id);
    const node = graph.getNodeAttributes(id);
    return {
      rank: m.rank,
      id,
      label: node.label,
      kind: node.kind,
      identifiers: node.identifiers,
      community: m.community,
      score: round(m.score),
      degree: m.degree,
      strength: round(m.strength),
      betweenness: round(m.betweenness),
      closeness: round(m.closeness),
      eigenvector: round(m.eigenvector),
      pagerank: round(m.pagerank),
      hubPenalty: round(m.hubPenalty),
      why: m.why,
      role: m.role,
      roleConfidence: m.roleConfidence,
      roleReasons: m.roleReasons,
      evidence: evidenceFor(graph, id).map((e) => ({ ...e, sources: formatSources(e.sources, files2, 10) })),
      patterns: result2.findings.filter((f) => f.entities[0] === id).map((f) => ({ kind: f.kind, summary: f.summary, sources: formatSources(f.evidence, files2, 10) })),
      pinned: pinned.has(id),
      note: overrides.notes?.[id] ?? ""
    };
  });
}
function evidenceText(links) {
  return links.map((e) => `${e.layer} with ${e.withLabel} (${e.with}): ${e.summary} [${e.sources}]`).join(" | ");
}
var METRIC_COLUMNS = [
  "degree",
  "strength",
  "betweenness",
  "closeness",
  "eigenvector",
  "pagerank",
  "hub_penalty",
  "role",
  "role_confidence"
];
function metricCells(m) {
  return [
    m.degree,
    m.strength,
    m.betweenness,
    m.closeness,
    m.eigenvector,
    m.pagerank,
    m.hubPenalty,
    m.role,
    m.role ? m.roleConfidence : ""
  ];
}
var TARGET_COLUMNS = [
  "rank",
  "id",
  "label",
  "kind",
  "identifiers",
  "community",
  "score",
  ...METRIC_COLUMNS,
  "why",
  "evidence",
  "patterns",
  "pinned",
  "note"
];
function targetsCsv(targets) {
  return toCsv(
    TARGET_COLUMNS,
    targets.map((t) => [
      t.rank,
      t.id,
      t.label,
      t.kind,
      t.identifiers.join(";"),
      t.community,
      t.score,
      ...metricCells(t),
      t.why,
      evidenceText(t.evidence),
      t.patterns.map((p) => `${p.kind}: ${p.summary} [${p.sources}]`).join(" | "),
      t.pinned ? "yes" : "",
      t.note
    ])
  );
}
function targetsJson(targets, meta) {
  return JSON.stringify({ version: meta.version, seed: meta.seed, targets }, null, 2) + "\n";
}

// src/export/privacy.ts
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

// src/graph/subgraph.ts
import Graph2 from "graphology";
function subgraph(graph, nodes, edges) {
  const out = new Graph2({ type: "mixed", multi: true });
  const add = (id) => {
    if (graph.hasNode(id) && !out.hasNode(id)) out.addNode(id, graph.getNodeAttributes(id));
  };
  for (const id of nodes) add(id);
  for (const key of edges) {
    if (!graph.hasEdge(key)) continue;
    const [s, t] = graph.extremities(key);
    add(s);
    add(t);
    if (graph.isDirected(key)) out.addDirectedEdgeWithKey(key, s, t, graph.getEdgeAttributes(key));
    else out.addUndirectedEdgeWithKey(key, s, t, graph.getEdgeAttributes(key));
  }
  return out;
}

// src/export/privacy.ts
var MIN_KEY_LENGTH = 16;
var WITHHELD2 = "[withheld]";
function isPrivate(p) {
  return !!(p && (p.pseudonymKey !== void 0 || p.withoutVictims));
}
function validatePrivacy(p) {
  if (p.pseudonymKey !== void 0 && p.pseudonymKey.trim().length < MIN_KEY_LENGTH)
    throw appError(
      "privacy",
      `the pseudonym key has ${p.pseudonymKey.trim().length} characters; it needs at least ${MIN_KEY_LENGTH} (a long passphrase, or random text such as the output of: head -c 24 /dev/urandom | base64)`
    );
  return p;
}
function pseudonymizer(key) {
  const base = hmac.create(sha256, utf8ToBytes(key.trim()));
  return (domain, value) => bytesToHex(
    base.clone().update(utf8ToBytes(`${domain}\0${value}`)).digest()
  ).slice(0, 16);
}
var WORD = /[\p{L}\p{N}+]/u;
var isWord = (c) => c !== void 0 && WORD.test(c);
var Replacer = class _Replacer {
  constructor(replacements) {
    this.replacements = replacements;
    for (const key of replacements.keys()) {
      if (key === "") continue;
      const head = _Replacer.head(key, 0);
      let list = this.byHead.get(head);
      if (!list) this.byHead.set(head, list = []);
      list.push(key);
    }
    for (const list of this.byHead.values()) list.sort((a, b) => b.length - a.length);
  }
  replacements;
  byHead = /* @__PURE__ */ new Map();
  /** The word starting at `i` (letters, digits, +), or the single character there when it is not a word. */
  static head(text, i) {
    if (!isWord(text[i])) return text[i];
    let j = i;
    while (j < text.length && isWord(text[j])) j++;
    return text.slice(i, j);
  }
  replace(text) {
    if (text === "") return text;
    let out = "";
    let copied = 0;
    for (let i = 0; i < text.length; ) {
      if (i > 0 && isWord(text[i - 1]) && isWord(text[i])) {
        i++;
        continue;
      }
      const candidates = this.byHead.get(_Replacer.head(text, i));
      const found = candidates?.find((key) => {
        if (!text.startsWith(key, i)) return false;
        const end = i + key.length;
        return end === text.length || !isWord(text[end]) || !isWord(key[key.length - 1]);
      });
      if (found) {
        out += text.slice(copied, i) + this.replacements.get(found);
        i += found.length;
        copied = i;
      } else i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
};
function redaction(result2, options = {}) {
  if (!isPrivate(options)) {
    return {
      active: false,
      pseudonymised: false,
      withheld: /* @__PURE__ */ new Set(),
      result: result2,
      keeps: () => true,
      text: (v) => v
    };
  }
  validatePrivacy(options);
  const { graph } = result2;
  const withheld = new Set(options.withoutVictims ? result2.protection.map((p) => p.id) : []);
  const hash = options.pseudonymKey !== void 0 ? pseudonymizer(options.pseudonymKey) : null;
  const replacements = /* @__PURE__ */ new Map();
  const owners = /* @__PURE__ */ new Map();
  const claim = (s, id) => {
    const o = owners.get(s);
    owners.set(s, o === void 0 || o === id ? id : "");
  };
  graph.forEachNode((id, n2) => {
    for (const s of [id, n2.label, ...n2.names, ...n2.identifiers]) claim(s, id);
  });
  const entity = (id) => withheld.has(id) ? WITHHELD2 : hash ? `P-${hash("entity", id)}` : id;
  graph.forEachNode((id) => {
    if (withheld.has(id) || hash) replacements.set(id, entity(id));
  });
  graph.forEachNode((id, n2) => {
    const name = entity(id);
    if (withheld.has(id) || hash) {
      for (const s of [n2.label, ...n2.names]) {
        replacements.set(s, withheld.has(id) ? WITHHELD2 : owners.get(s) === id ? name : `N-${hash("name", s)}`);
      }
      for (const identifier of n2.identifiers) {
        const colon = identifier.indexOf(":");
        const kind = colon > 0 ? identifier.slice(0, colon) : "id";
        const value = colon > 0 ? identifier.slice(colon + 1) : identifier;
        const masked = withheld.has(id) ? WITHHELD2 : `${kind}:#${hash("identifier", identifier)}`;
        if (!replacements.has(identifier)) replacements.set(identifier, masked);
        if (value.length >= 5 && !replacements.has(value)) replacements.set(value, masked);
      }
    }
  });
  const replacer = new Replacer(replacements);
  const kept = withheld.size ? {
    ...result2,
    graph: subgraph(
      graph,
      graph.filterNodes((id) => !withheld.has(id)),
      graph.filterEdges((_k, _e, s, t) => !withheld.has(s) && !withheld.has(t))
    ),
    protection: [],
    findings: result2.findings.map((f) => ({ ...f, entities: f.entities.filter((e) => !withheld.has(e)) }))
  } : result2;
  return {
    active: true,
    pseudonymised: hash !== null,
    withheld,
    result: kept,
    keeps: (id) => !withheld.has(id),
    text: (v) => replacer.replace(v)
  };
}

// src/export/bundle.ts
var WITHHELD_ROW = "[withheld: see the source file at this row]";
function iso(ms) {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "";
}
function reconciliation(inputs) {
  return inputs.map(({ name, report }) => ({
    file: name,
    kind: report.kind,
    read: report.rowsRead,
    used: report.rowsUsed,
    rejected: report.rowsRejected,
    duplicates: report.duplicates,
    reconciles: report.rowsRead === report.rowsUsed + report.rowsRejected + report.duplicates,
    skipped: report.skipped ?? null
  }));
}
function mapStrings(value, text) {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, text));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k2, v] of Object.entries(value)) out[k2] = mapStrings(v, text);
    return out;
  }
  return value;
}
function exportedTargets(targets, r) {
  if (!r.active) return targets;
  return mapStrings(
    targets.map((t) => ({ ...t, evidence: t.evidence.filter((e) => r.keeps(e.with)) })),
    r.text
  );
}
function exportCase(full, files2, issues, info, privacy = {}) {
  const r = redaction(full, privacy);
  const result2 = r.result;
  const { graph, analysis, resolution } = result2;
  const out = /* @__PURE__ */ new Map();
  const cells = (row) => row.map((c) => typeof c === "string" ? r.text(c) : c);
  const csvChunks2 = (headers, rows3) => csvChunks(headers, r.active ? lazily(rows3, cells) : rows3);
  const targets = exportedTargets(buildTargets(result2, files2, info.top), r);
  out.set("targets.csv", [targetsCsv(targets)]);
  out.set("targets.json", [targetsJson(targets, info)]);
  out.set(
    "nodes.csv",
    csvChunks2(
      [
        "id",
        "label",
        "kind",
        "identifiers",
        "names",
        "community",
        "rank",
        "score",
        ...METRIC_COLUMNS,
        "roles",
        "first_seen",
        "last_seen",
        "why"
      ],
      graph.nodes().sort().map((id) => {
        const n2 = graph.getNodeAttributes(id);
        const m = analysis.metrics.get(id);
        return [
          id,
          n2.label,
          n2.kind,
          n2.identifiers.join(";"),
          n2.names.join(";"),
          m.community,
          m.rank,
          m.score,
          ...metricCells(m),
          m.roleReasons,
          iso(n2.firstSeen),
          iso(n2.lastSeen),
          m.why
        ];
      })
    )
  );
  out.set(
    "edges.csv",
    csvChunks2(
      [
        "source",
        "target",
        "layer",
        "directed",
        "count",
        "calls",
        "sms",
        "seconds",
        "amounts",
        "trips",
        "weight",
        "days",
        "first",
        "last",
        "sources"
      ],
      lazily(graph.edges().sort(), (key) => {
        const e = graph.getEdgeAttributes(key);
        const amounts = formatAmounts(e.amounts, ";");
        return [
          graph.source(key),
          graph.target(key),
          e.layer,
          graph.isDirected(key),
          e.count,
          e.calls,
          e.sms,
          e.seconds,
          amounts,
          e.trips,
          e.weight,
          e.days,
          iso(e.first),
          iso(e.last),
          formatSources(e.sources, files2)
        ];
      })
    )
  );
  out.set(
    "communities.csv",
    csvChunks2(
      ["community", "size", "calls_links", "money_links", "travel_links", "other_links", "top_members"],
      analysis.communities.map((c) => [
        c.id,
        c.size,
        c.layers.calls,
        c.layers.money,
        c.layers.travel,
        c.layers.links,
        c.top.filter(r.keeps).map((id) => `${graph.getNodeAttribute(id, "label")} (${id})`).join("; ")
      ])
    )
  );
  if (!privacy.withoutVictims)
    out.set(
      "protection.csv",
      csvChunks2(
        ["id", "label", "identifiers", "confidence", "reasons", "community", "evidence"],
        result2.protection.map((p) => {
          const n2 = graph.getNodeAttributes(p.id);
          return [
            p.id,
            n2.label,
            n2.identifiers.join(";"),
            p.confidence,
            p.reasons.join("; "),
            analysis.metrics.get(p.id).community,
            evidenceText(evidenceFor(graph, p.id).map((e) => ({ ...e, sources: formatSources(e.sources, files2, 10) })))
          ];
        })
      )
    );
  out.set(
    "findings.csv",
    csvChunks2(
      ["kind", "summary", "entities", "evidence"],
      result2.findings.map((f) => [f.kind, f.summary, f.entities.join(";"), formatSources(f.evidence, files2, 20)])
    )
  );
  out.set(
    "rejected.csv",
    csvChunks2(
      ["file", "row", "column", "code", "message", "raw"],
      [...issues].sort((a, b) => files2.indexOf(a.file) - files2.indexOf(b.file) || a.row - b.row).map(
        (i) => r.active ? [i.file, i.row, i.column, i.code, WITHHELD_ROW, WITHHELD_ROW] : [i.file, i.row, i.column, i.code, i.message, i.raw]
      )
    )
  );
  out.set(
    "merges.csv",
    csvChunks2(
      ["merge_id", "rule", "entity", "identifier_a", "identifier_b", "reason", "sources"],
      resolution.merges.filter((m) => r.keeps(resolution.entityOf.get(m.a) ?? "")).map((m) => [
        m.id,
        m.rule,
        resolution.entityOf.get(m.a) ?? "",
        m.a,
        m.b,
        m.reason,
        formatSources(
          m.sources.flatMap((s) => [s.file, s.row]),
          files2
        )
      ])
    )
  );
  out.set("graph.gexf", gexfChunks(result2, info, r.text));
  out.set("run.json", [
    JSON.stringify(
      {
        version: info.version,
        seed: info.seed,
        parameters: { top: info.top, country: info.country, timeZone: info.timeZone, ...info.options },
        inputs: info.inputs.map((i) => ({
          name: i.name,
          sha256: i.sha256,
          bytes: i.bytes,
          kind: i.report.kind,
          encoding: i.report.encoding,
          delimiter: i.report.delimiter,
          dateFormat: i.report.dateFormat,
          columns: i.report.columns,
          warnings: i.report.warnings
        })),
        rows: reconciliation(info.inputs),
        graph: {
          entities: graph.order,
          links: graph.size,
          communities: analysis.communities.length,
          modularity: Number(analysis.modularity.toFixed(6)),
          betweenness: analysis.betweennessSampled ? `sampled from ${analysis.betweennessSources} sources` : "exact"
        },
        merges: resolution.merges.length,
        protection: privacy.withoutVictims ? `${r.withheld.size} likely victims left out of this export` : result2.protection.length,
        privacy: {
          pseudonymised: r.pseudonymised,
          victimsLeftOut: r.withheld.size
        },
        findings: Object.fromEntries(
          [...new Set(result2.findings.map((f) => f.kind))].map((k2) => [
            k2,
            result2.findings.filter((f) => f.kind === k2).length
          ])
        )
      },
      null,
      2
    ) + "\n"
  ]);
  return out;
}

// src/lib/memory.ts
var HEAP_SHARE = 0.5;
var BYTES_PER_ROW = 1400;
var mb = (bytes) => `${Math.round(bytes / (1024 * 1024)).toLocaleString("en")} MB`;
function heapMessage(file, row, reading, advice, estimated = false) {
  const holds = estimated ? `the rows read so far need about ${mb(reading.used)} of the tab's ${mb(reading.limit)} limit` : `the heap holds ${mb(reading.used)} of its ${mb(reading.limit)} limit`;
  return `reading ${file} stopped at row ${row.toLocaleString("en")}: ${holds}, and the analysis needs about as much again. ${advice}`;
}
function heapFull(probe) {
  const reading = probe?.() ?? null;
  return reading && reading.limit > 0 && reading.used > HEAP_SHARE * reading.limit ? reading : null;
}

// src/export/case-run.ts
function createCaseRun(settings2, version, spec, limits = {}) {
  validateSettings(settings2);
  const options = ingestOptionsFor(settings2);
  const sink = createSink();
  const inputs = [];
  let usable = 0;
  const rowsBefore = () => inputs.reduce((n2, i) => n2 + i.report.rowsRead, 0);
  return {
    settings: settings2,
    sink,
    inputs,
    detect(name, head, kind, override) {
      const fileSpec = { ...specFor(spec, name) ?? {}, ...override ?? {} };
      if (kind) fileSpec.kind = kind;
      return detectFile(name, head, options, fileSpec);
    },
    read(detection, onRows) {
      const ingestor = createFileIngestor(detection, sink, onRows);
      if (!limits.heap && !limits.memoryLimit) return ingestor;
      const before = rowsBefore();
      return {
        push(bytes) {
          ingestor.push(bytes);
          const rows3 = ingestor.rowsRead();
          const measured = heapFull(limits.heap);
          const estimated = limits.memoryLimit ? heapFull(() => ({ used: (before + rows3) * BYTES_PER_ROW, limit: limits.memoryLimit })) : null;
          const full = measured ?? estimated;
          if (full)
            throw appError("memory", heapMessage(detection.file, rows3, full, limits.heapAdvice ?? "", !measured));
        },
        end: () => ingestor.end(),
        rowsRead: () => ingestor.rowsRead()
      };
    },
    done(name, report, sha2562, bytes) {
      inputs.push({ name, sha256: sha2562, bytes, report });
      usable++;
    },
    skip(detection, sha2562, bytes) {
      inputs.push({ name: detection.file, sha256: sha2562, bytes, report: skippedReport(detection) });
    },
    usable: () => usable,
    analyse(onStep, time2 = untimed, privacy = {}) {
      const options2 = caseOptionsFor(settings2);
      const result2 = analyseCase(sink.records, options2, onStep, time2);
      const info = {
        version,
        seed: settings2.seed,
        top: settings2.top,
        country: settings2.country,
        timeZone: settings2.timeZone,
        options: options2,
        inputs
      };
      return {
        settings: settings2,
        files: sink.files,
        issues: sink.issues,
        result: result2,
        info,
        outputs: time2("export", () => exportCase(result2, sink.files, sink.issues, info, privacy))
      };
    }
  };
}

// src/cli/files.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
async function readHead(path, bytes) {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
async function streamFile(path, ingestor) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const data = chunk;
    hash.update(data);
    bytes += data.length;
    ingestor?.push(data);
  }
  return { sha256: hash.digest("hex"), bytes };
}

// bench/pipeline-run.ts
var [dir, work] = process.argv.slice(2);
var gc = globalThis.gc ?? (() => {
});
var seconds = {};
var graphologyBytes = 0;
var time = (step, run2) => {
  if (step === "build") gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t02 = performance.now();
  const out = run2();
  seconds[step] = (seconds[step] ?? 0) + (performance.now() - t02) / 1e3;
  if (step === "build") {
    gc();
    graphologyBytes = process.memoryUsage().heapUsed - heapBefore;
  }
  console.error(`    ${step}: ${seconds[step].toFixed(2)} s`);
  return out;
};
var files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().map((f) => join(dir, f));
var parsedRows = 0;
time("parse", () => {
  for (const f of files) {
    Papa3.parse(readFileSync(f, "utf8"), {
      step: () => {
        parsedRows++;
      }
    });
  }
});
gc();
var t0 = performance.now();
var settings = { ...DEFAULT_CASE_SETTINGS, timeZone: "Europe/London", timeZoneStated: true };
var run = createCaseRun(settings, "bench");
var rowsIn = {};
var ingestStart = performance.now();
for (const path of files) {
  const detection = run.detect(basename(path), await readHead(path, SNIFF_BYTES));
  if (!detection.kind) throw new Error(`${path}: ${detection.problems.join("; ")}`);
  const ingestor = run.read(detection);
  const hashed = await streamFile(path, ingestor);
  const report = ingestor.end();
  rowsIn[basename(path)] = report.rowsRead;
  run.done(detection.file, report, hashed.sha256, hashed.bytes);
}
seconds.ingest = (performance.now() - ingestStart) / 1e3;
console.error(`    ingest: ${seconds.ingest.toFixed(2)} s`);
var outcome = run.analyse(void 0, time);
var endToEnd = (performance.now() - t0) / 1e3;
var { result } = outcome;
var rows2 = Object.values(rowsIn).reduce((a, b) => a + b, 0);
var rejected = outcome.issues.length;
var maxRssMb = process.resourceUsage().maxRSS / 1024;
var graphologyBytesPerEdge = graphologyBytes / result.graph.size;
var projection = project(result.graph);
var csrBytes = (c) => c.offsets.byteLength + c.targets.byteLength + c.weights.byteLength;
var csrEdges = projection.csr.targets.length / 2;
function writeEdges(c, path) {
  const lines = [];
  for (let i = 0; i < c.ids.length; i++)
    for (let k2 = c.offsets[i]; k2 < c.offsets[i + 1]; k2++)
      if (c.targets[k2] > i) lines.push(`${i} ${c.targets[k2]} ${c.weights[k2]}`);
  writeFileSync(path, lines.join("\n") + "\n");
  return lines.length;
}
writeEdges(projection.csr, join(work, "graph.txt"));
writeEdges(projection.core, join(work, "core.txt"));
var membership = projection.ids.map((id) => result.analysis.metrics.get(id).community);
writeFileSync(join(work, "membership.txt"), membership.join("\n") + "\n");
var kernel = {};
var k = (name, f) => {
  const s = performance.now();
  const out = f();
  kernel[name] = (performance.now() - s) / 1e3;
  return out;
};
var louvain = k("louvain", () => detectCommunities(projection.csr, { seed: 1 }));
k("pagerank", () => pagerank(projection.csr));
writeFileSync(join(work, "pagerank.txt"), Array.from(pagerank(projection.csr)).join("\n") + "\n");
var n = projection.core.ids.length;
var EXACT_UP_TO = Number(process.env.BENCH_EXACT_UP_TO ?? 2e4);
var exactBetweenness = null;
if (n <= EXACT_UP_TO) {
  const b = k(
    "betweennessExact",
    () => betweennessAndCloseness(projection.core, { ...DEFAULT_CENTRALITY_OPTIONS, exactLimit: Infinity })
  );
  writeFileSync(join(work, "betweenness.txt"), Array.from(b.betweenness).join("\n") + "\n");
  exactBetweenness = kernel.betweennessExact;
}
var top = result.analysis.ranking.slice(0, 10).map((id) => result.graph.getNodeAttribute(id, "label"));
console.log(
  JSON.stringify({
    rows: rows2,
    parsedRows,
    rejected,
    rowsUsed: rows2 - rejected,
    entities: result.graph.order,
    links: result.graph.size,
    graphNodes: n,
    graphEdges: csrEdges,
    seconds,
    endToEnd,
    kernel,
    exactBetweenness,
    betweennessSources: result.analysis.betweennessSources,
    modularity: louvain.modularity,
    maxRssMb,
    graphologyBytesPerEdge,
    csrBytesPerEdge: csrBytes(projection.csr) / csrEdges,
    top
  })
);
