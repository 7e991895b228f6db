/**
 * The size of an installed node_modules and the share of it that only `natural` brings: the
 * packages reachable from the project's production dependencies, with and without natural,
 * following Node's resolution (nested node_modules first, then each parent's).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bytes under `path`, files only (what the disk holds, roughly). */
function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Where `name` resolves from the package folder `from` (Node's lookup), or undefined. */
function resolveFrom(root: string, from: string, name: string): string | undefined {
  for (let dir = from; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (statSync(join(candidate, 'package.json'), { throwIfNoEntry: false })) return candidate;
    if (dir === root) break;
  }
  return undefined;
}

/** Package folders reachable from the root's dependencies, leaving out `without` (and what only it needs). */
function reachable(root: string, without?: string): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, deps: Manifest) => {
    for (const name of Object.keys({ ...deps.dependencies, ...deps.optionalDependencies, ...deps.peerDependencies })) {
      if (name === without && from === root) continue;
      const dir = resolveFrom(root, from, name);
      if (!dir || seen.has(dir)) continue;
      seen.add(dir);
      visit(dir, manifest(dir));
    }
  };
  visit(root, manifest(root));
  return seen;
}

export interface InstallShare {
  totalMB: number;
  packages: number;
  naturalMB: number;
  naturalPackages: number;
  naturalNames: string[];
  largest: [string, number][];
}

/** Size of `root`/node_modules, and natural's exclusive share of it. */
export function naturalShare(root: string): InstallShare {
  const all = reachable(root);
  const withoutNatural = reachable(root, 'natural');
  const onlyNatural = [...all].filter((dir) => !withoutNatural.has(dir));
  // A nested node_modules inside a package counts once, with that package.
  const own = (dir: string) => sizeOf(dir) - sizeOf(join(dir, 'node_modules'));
  const name = (dir: string) => dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const sizes = [...all].map((dir) => [name(dir), own(dir) / 1e6] as [string, number]);
  return {
    totalMB: sizeOf(join(root, 'node_modules')) / 1e6,
    packages: all.size,
    naturalMB: onlyNatural.reduce((sum, dir) => sum + own(dir), 0) / 1e6,
    naturalPackages: onlyNatural.length,
    naturalNames: onlyNatural.map(name).sort((a, b) => (a === 'natural' ? -1 : b === 'natural' ? 1 : a.localeCompare(b))),
    largest: sizes.sort((a, b) => b[1] - a[1]).slice(0, 6),
  };
}
