/**
 * The deployment files, checked as far as this machine allows (no container engine runs here):
 * the Dockerfile's stages, user, command and health check, and that its final stage copies every
 * folder the entry point imports; compose.yaml with PostgreSQL; the systemd unit; .env.example
 * naming every variable the code reads; the LICENSE matching package.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SHUTDOWN_GRACE_MS } from '../../bot/health.ts';
import { ROOT } from '../helpers.ts';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Top-level folders reached by following relative imports from `entry`. */
function foldersImportedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\(\s*)['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]!);
      if (statSync(target, { throwIfNoEntry: false })?.isFile()) queue.push(target);
    }
  }
  return new Set([...seen].map((file) => relative(ROOT, file).split('/')[0]!));
}

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const lines = text.split('\n').filter((line) => line.trim() && !line.trimStart().startsWith('#'));
  const stages = text.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it('is multi-stage on node:24-slim, installing production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.filter((l) => l.startsWith('FROM '))) expect(line).toMatch(/^FROM node:24-slim\b/);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(final).not.toMatch(/npm (ci|install)(?! --omit=dev)/);
  });

  it('runs node bot/main.ts as the main process, as a non-root user, with a health check on /healthz', () => {
    const user = lines.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(lines.filter((l) => l.startsWith('CMD ')).at(-1)).toBe('CMD ["node", "bot/main.ts"]');
    expect(lines.some((l) => l.startsWith('ENTRYPOINT'))).toBe(false);
    expect(final).toMatch(/HEALTHCHECK [^]*\/healthz/);
  });

  it('copies every source folder the bot imports, and package.json (type: module)', () => {
    const copied = new Set([...final.matchAll(/^COPY (?:--\S+ )*(\S+) /gm)].map((m) => m[1]!));
    for (const folder of foldersImportedFrom('bot/main.ts')) expect(copied, folder).toContain(folder);
    expect(copied).toContain('package.json');
  });

  it('leaves out of the build context what the image does not need', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.git', 'tests', '.env']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, any> };
  const [dbName, db] = Object.entries(compose.services).find(([, s]) => /^postgres:/.test(s.image ?? ''))!;
  const app = Object.values(compose.services).find((s) => s.build)!;

  it('runs the image beside PostgreSQL, the bot waiting for a healthy database it reaches by name', () => {
    expect(db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(app.depends_on[dbName].condition).toBe('service_healthy');
    const url = new URL(app.environment.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe(dbName);
    expect(url.pathname.slice(1)).toBe(db.environment.POSTGRES_DB);
    expect(app.ports.some((p: string) => p.endsWith(':3978'))).toBe(true);
  });

  it('gives the graceful shutdown time to finish before a kill', () => {
    expect(Number.parseInt(app.stop_grace_period, 10) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
  });
});

describe('the systemd unit', () => {
  const unit = read('deploy/objection-coach.service');
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];

  it('runs node bot/main.ts, stops it with SIGTERM after the grace period, and does not restart a configuration error', () => {
    expect(setting('ExecStart')).toMatch(/\/node (--[\w-]+=\S+ )*bot\/main\.ts$/);
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(Number(setting('TimeoutStopSec')) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
    expect(setting('RestartPreventExitStatus')).toBe('2');
    expect(setting('User')).not.toBe('root');
    expect(setting('EnvironmentFile')).toBeTruthy();
  });

  it('keeps the snapshots and the compile cache in a cache folder the service may write (the checkout is read-only, /tmp private)', () => {
    expect(setting('ProtectSystem')).toBe('strict');
    const cache = `%C/${setting('CacheDirectory')}`;
    const environment = [...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(environment).toContainEqual(['CLASSIFIER_CACHE_DIR', cache]);
    expect(environment.find(([name]) => name === 'NODE_COMPILE_CACHE')?.[1]).toMatch(new RegExp(`^${cache.replace(/[%/]/g, '\\$&')}/`));
  });
});

describe('.env.example', () => {
  const listed = new Set([...read('.env.example').matchAll(/^([A-Za-z_]+)=/gm)].map((m) => m[1]!));

  it('lists every environment variable the code reads, and the Teams secret the SDK reads', () => {
    const read = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(join(ROOT, dir))) {
        const path = join(dir, name);
        if (statSync(join(ROOT, path)).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) for (const m of readFileSync(join(ROOT, path), 'utf8').matchAll(/\bvalue\('([A-Za-z_]+)'\)|\benv\.([A-Za-z][A-Za-z_]*)/g)) read.add(m[1] ?? m[2]!);
      }
    };
    for (const dir of ['bot', 'store', 'data', 'dialogs', 'intents']) walk(dir);
    read.add('clientSecret');
    const aliases = [...read].filter((name) => name.startsWith('connections__'));
    const missing = [...read].filter((name) => !listed.has(name) && !aliases.includes(name));
    expect(read.size).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('names only variables the README documents', () => {
    const readme = read('README.md');
    expect([...listed].filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('LICENSE', () => {
  it('is the license package.json declares', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(read('LICENSE')).toMatch(/THE SOFTWARE IS PROVIDED "AS IS"/);
  });
});
