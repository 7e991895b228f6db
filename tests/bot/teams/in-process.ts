/**
 * The Teams adapter in process: the project's handler (`createTeamsHandler`, the Agents SDK's
 * CloudAdapter inside) and the real conversation service, fed Teams Activity JSON as the HTTP
 * server would hand it over after the JWT check (anonymous, as in TEAMS_DEV=1). Activities use
 * `deliveryMode: expectReplies`, a mode Teams clients use too, so the replies come back in the
 * response instead of going to a Bot Connector: no process, no sockets, nothing to wait for.
 * The process-level test (adapter.test.ts) keeps the connector, the HTTP door and the logs.
 */
import { loadAuthConfigFromEnv } from '@microsoft/agents-hosting';
import type { Request, Response } from 'express';
import { createTeamsHandler } from '../../../bot/teams/adapter.ts';
import { inProcessService, type InProcessService } from '../in-process.ts';
import type { SentActivity } from './activities.ts';

export interface TeamsInProcess extends InProcessService {
  /** Hands one activity to the adapter; returns the status and the activities it answered with. */
  post(activity: Record<string, unknown>): Promise<{ status: number; activities: SentActivity[] }>;
  /** Hands one activity to the adapter, expects a 200, returns the activities it answered with. */
  send(activity: Record<string, unknown>): Promise<SentActivity[]>;
}

/** The express response the SDK writes to: its status and body kept. */
function response() {
  const res = {
    statusCode: 200,
    body: undefined as unknown,
    headersSent: false,
    writableEnded: false,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    setHeader() {
      return res;
    },
    send(body: unknown) {
      res.body = body;
      return res;
    },
    end() {
      res.writableEnded = true;
      return res;
    },
  };
  return res;
}

export async function teamsInProcess(options: { managers?: string[] } = {}): Promise<TeamsInProcess> {
  const base = await inProcessService((options.managers ?? []).map((id) => `msteams:${id}`));
  const handler = createTeamsHandler({ authConfig: loadAuthConfigFromEnv(), service: base.service, logger: base.logger });
  const post = async (activity: Record<string, unknown>) => {
    const req = { body: { ...activity, deliveryMode: 'expectReplies' }, headers: {}, user: { name: 'anonymous' } };
    const res = response();
    await handler(req as unknown as Request, res as unknown as Response);
    const body = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
    return { status: res.statusCode, activities: ((body as { activities?: SentActivity[] } | undefined)?.activities ?? []) };
  };
  return {
    ...base,
    post,
    async send(activity) {
      const { status, activities } = await post(activity);
      if (status !== 200) throw new Error(`the adapter answered ${status}`);
      return activities;
    },
  };
}
