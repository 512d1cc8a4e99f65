// How fast this machine is right now: a fixed loop of integer steps and map inserts, in ms. Run it
// beside benchmark runs, since the machine's speed drifts (docs/benchmarks.md#the-machine).
//   node bench/cpu-gauge.mjs
const started = performance.now();
let x = 0;
for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0;
const m = new Map();
for (let i = 0; i < 2e6; i++) m.set(`k${i}`, i);
console.log(`cpu gauge: ${(performance.now() - started).toFixed(0)} ms (${x & 1}${m.size > 0 ? '' : '!'})`);
