/**
 * The image, built and started for real: `docker build` from the Dockerfile, then a container
 * serving the dashboard only (DASHBOARD_TOKEN, no chat channel) — /healthz answers, it runs as
 * the unprivileged `node` user, and `docker stop` (SIGTERM to node, PID 1) ends it with exit 0.
 * Skipped, with a warning naming why, where no Docker daemon answers (`docker info`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMAGE = 'objection-coach:test';
const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
const why = probe.error ? `no docker command (${probe.error.message})` : probe.status !== 0 ? `no Docker daemon answers: ${(probe.stderr || probe.stdout).trim().split('\n').pop()}` : '';
if (why) console.warn(`\n⚠️  tests/bot/ops-docker.test.ts SKIPPED — the image is not built or started here: ${why}\n`);

const docker = (...args: string[]) => execFileSync('docker', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
let container = '';

afterAll(() => {
  if (container) spawnSync('docker', ['rm', '-f', container]);
});

describe.skipIf(Boolean(why))('the Docker image', () => {
  it('builds, starts as node, answers /healthz and stops cleanly on SIGTERM', async () => {
    docker('build', '-t', IMAGE, '.');
    container = docker('run', '-d', '-e', 'DASHBOARD_TOKEN=docker-test-token-0123456789', '-p', '127.0.0.1::3978', IMAGE);
    expect(docker('inspect', '--format', '{{.Config.User}}', container)).toBe('node');
    const port = docker('port', container, '3978/tcp').split('\n')[0]!.split(':').pop();
    let health: { ok?: boolean } = {};
    for (let i = 0; i < 120 && !health.ok; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json() as Promise<{ ok?: boolean }>, () => ({}));
      if (!health.ok) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(health.ok).toBe(true);
    docker('stop', '--time', '10', container);
    expect(docker('inspect', '--format', '{{.State.ExitCode}}', container)).toBe('0');
  }, 600_000);
});
