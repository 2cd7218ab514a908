/**
 * A CPU profile of this process (where the benchmarks run the server) over one
 * phase, through the inspector, summarised by package / source file and by function
 * (self time). The .cpuprofile is kept for Chrome DevTools.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Where a function lives: a package, a file of the project, Node itself, or the VM. */
function place(url: string): string {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return 'node:*';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const src = url.match(/\/(src\/.+|bench\/.+)$/);
  return src ? src[1]! : url;
}

export async function profiled<T>(file: string, run: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
    const nodes = new Map<number, Node>(profile.nodes.map((n) => [n.id, n as Node]));
    const self = new Map<number, number>();
    profile.samples!.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    const byPlace = new Map<string, number>();
    const byFn = new Map<string, number>();
    let total = 0;
    for (const [id, us] of self) {
      const f = nodes.get(id)!.callFrame;
      if (f.functionName === '(idle)') continue;
      total += us;
      byPlace.set(place(f.url), (byPlace.get(place(f.url)) ?? 0) + us);
      const fn = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
        .join('\n    ');
    console.log(
      `  CPU profile of the server process (${(total / 1e6).toFixed(1)} s busy, idle excluded; ${file}), self time by place:\n    ${top(byPlace, 14)}`,
    );
    console.log(`  by function:\n    ${top(byFn, 14)}`);
  }
}
