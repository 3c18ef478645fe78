import KDBush from 'kdbush';
import { around } from 'geokdbush';
const N = 1_000_000;
let seed = 1; const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const P = [{ type: 'a' }, { type: 'b' }, { type: 'c' }, { type: 'd' }];
const items = Array.from({ length: N }, (_, i) => ({ lon: 111.95 + r() * 0.35, lat: 24.3 + r() * 0.55, props: P[Math.floor(r()*4)]! as Record<string, unknown> }));
const qs = Array.from({ length: 20000 }, () => [111.95 + r() * 0.35, 24.3 + r() * 0.55]);
for (const ns of [64, 32, 16, 8]) {
  const tree = new KDBush(N, ns); for (const it of items) tree.add(it.lon, it.lat); tree.finish();
  for (const [label, pred] of [['none', undefined], ['1/4', (id: number) => items[id]!.props.type === 'c']] as const) {
    for (let i = 0; i < 2000; i++) around(tree, qs[i]![0]!, qs[i]![1]!, 10, Infinity, pred);
    const times: number[] = [];
    for (const q of qs) { const t = performance.now(); around(tree, q[0]!, q[1]!, 10, Infinity, pred); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    console.log(ns, label, 'p50', times[10000]!.toFixed(3), 'p99', times[19800]!.toFixed(3), 'p999', times[19980]!.toFixed(3));
  }
}
