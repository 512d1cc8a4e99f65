import { fitModel } from '../src/linkage/link.ts';
import { openEvalArchive } from './eval/archive.ts';
const storage = await openEvalArchive(1000000, 1);
const t0 = performance.now();
const { params, persons } = await fitModel(storage);
console.log('fit', (performance.now() - t0) / 1000, 'persons', persons, 'lambda', params.lambda);
for (const c of Object.keys(params.m)) {
  const m = (params.m as any)[c], u = (params.u as any)[c];
  console.log(c, Object.keys(m).map((l) => `${l}: m=${m[l].toFixed(4)} u=${u[l].toExponential(2)} w=${Math.log2(m[l] / u[l]).toFixed(1)}`).join(' | '));
}
await storage.close();
