/** The engine's message catalogs by language. */
import type { Lang } from '../../data/playbook.ts';
import { en } from './en.ts';
import type { Messages } from './types.ts';
import { zh } from './zh.ts';

export type { Messages };
export const MESSAGES: Record<Lang, Messages> = { zh, en };
