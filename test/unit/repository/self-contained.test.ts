import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone with nothing beside it must build, test and read on its own: no tracked file may name a
 * path that climbs out of the repository (`../` past its root), whether in code, tests, scripts,
 * configuration or docs.
 */
const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter(Boolean);
}

/** Every `../` run in a text whose target, resolved from the file's own folder, lies outside ROOT. */
function pathsLeaving(file: string, text: string, root = ROOT): string[] {
  const hits: string[] = [];
  const dir = path.dirname(path.join(root, file));
  for (const m of text.matchAll(/((?:\.\.\/)+)([A-Za-z_][\w./-]*)/g)) {
    const target = path.normalize(path.join(dir, m[1]!));
    if (target !== root && !(target + path.sep).startsWith(root + path.sep)) hits.push(m[0]);
  }
  return hits;
}

describe('the repository stands on its own', () => {
  it('finds a path that leaves the repository, and accepts one that stays inside', () => {
    // Built from pieces so that this file does not itself name a path outside the repository.
    const up = (n: number) => '../'.repeat(n);
    expect(pathsLeaving('README.md', `see [design](${up(1)}shared/DESIGN.md)`, '/r')).toEqual([`${up(1)}shared/DESIGN.md`]);
    expect(pathsLeaving('test/unit/x.test.ts', `import '${up(4)}shared/data/x.json'`, '/r')).toEqual([`${up(4)}shared/data/x.json`]);
    expect(pathsLeaving('test/unit/x.test.ts', `import '${up(2)}shared/app/context'`, '/r')).toEqual([]);
  });

  it('no tracked file points outside the repository', () => {
    const offenders: string[] = [];
    for (const file of trackedFiles()) {
      if (file.endsWith('package-lock.json')) continue;
      const full = path.join(ROOT, file);
      let size: number;
      try {
        size = statSync(full).size;
      } catch {
        continue; // deleted in the working tree
      }
      if (size > 2_000_000) continue;
      const buf = readFileSync(full);
      if (buf.includes(0)) continue; // binary
      const hits = pathsLeaving(file, buf.toString('utf8'));
      if (hits.length > 0) offenders.push(`${file}: ${hits.slice(0, 3).join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
