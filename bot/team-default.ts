/**
 * The team's default profile — what the team sells, for reps who have not said: the industry
 * pack and product name from TEAM_INDUSTRY / TEAM_PRODUCT, else the playbook's `team:`. Checked
 * at start like any configuration: an industry no pack has, or a product name that could not go
 * into a customer message, stops the process with one line naming the variable (or the file).
 */
import type { ComplianceRules } from '../data/compliance.ts';
import type { IndustryPack } from '../data/industries.ts';
import type { Playbook } from '../data/playbook.ts';
import { teamProblem } from '../dialogs/profile.ts';
import { ConfigError } from './config.ts';
import { EXIT_CONFIG, StartupError } from './startup.ts';

export interface TeamDefault {
  industry: string;
  product: string | null;
}

/** The team's default profile, or null when neither the environment nor the playbook names one. */
export function teamDefault(env: NodeJS.ProcessEnv, playbook: Playbook, packs: ReadonlyMap<string, IndustryPack>, compliance: ComplianceRules): TeamDefault | null {
  const industry = env.TEAM_INDUSTRY?.trim() || undefined;
  const product = env.TEAM_PRODUCT?.trim() || undefined;
  if (industry) {
    const problem = teamProblem({ industry }, packs, compliance);
    if (problem) throw new ConfigError('TEAM_INDUSTRY', `names no industry pack: ${problem}`);
  }
  const chosen = industry ? { industry, product: null } : playbook.team ? { industry: playbook.team.industry, product: playbook.team.product ?? null } : null;
  if (!chosen) {
    if (product) throw new ConfigError('TEAM_PRODUCT', 'needs an industry: set TEAM_INDUSTRY too (or team.industry in playbook.yaml)');
    return null;
  }
  if (!industry) {
    const problem = teamProblem(chosen, packs, compliance);
    if (problem) throw new StartupError(`the playbook is invalid, not starting: playbook.yaml: team: ${problem}`, EXIT_CONFIG);
  }
  if (product) {
    const problem = teamProblem({ industry: chosen.industry, product }, packs, compliance);
    if (problem) throw new ConfigError('TEAM_PRODUCT', `cannot go into messages for customers: ${problem}`);
    return { industry: chosen.industry, product };
  }
  return chosen;
}
