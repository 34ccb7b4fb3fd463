// Planner benchmark: a five-arrest plan on a 2,000-node suspect graph, each strategy and the optimiser.
// Runs in Node; the browser worker runs the same code on the same engine (V8).
import { disruptionGraph, measure, removalOrder, STRATEGIES } from '../src/analysis/disruption';
import { createRng } from '../src/lib/rng';

/** Forty groups of fifty, each member with three ties inside its group, and a few ties across. */
function suspectGraph(n = 2000, seed = 3) {
  const rng = createRng(seed);
  const pairs: [string, string][] = [];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 3; k++) {
      pairs.push([`n${i}`, `n${Math.floor(i / 50) * 50 + Math.floor(rng() * 50)}`]);
      if (rng() < 0.05) pairs.push([`n${i}`, `n${Math.floor(rng() * n)}`]);
    }
  return disruptionGraph(pairs);
}

const g = suspectGraph();
console.log(
  `Planner, budget 5, on ${g.ids.length} nodes and ${g.neighbours.reduce((a, l) => a + l.length, 0) / 2} links:`,
);
for (const s of STRATEGIES) {
  const t = performance.now();
  const order = removalOrder(g, s, 5);
  console.log(
    `  ${s.padEnd(18)} ${(performance.now() - t).toFixed(0).padStart(6)} ms, largest group after: ${measure(g, order, false).lcc}`,
  );
}
