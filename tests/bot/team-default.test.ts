/** TEAM_INDUSTRY / TEAM_PRODUCT and the playbook's `team:`: which default applies, and a bad one stops start-up naming it. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../bot/config.ts';
import { startupFailure } from '../../bot/startup.ts';
import { teamDefault } from '../../bot/team-default.ts';
import { compliance, packs, playbook } from '../dialogs/fixtures.ts';

const withTeam = { ...playbook, team: { industry: 'insurance', product: 'SafeLife' } };

describe('the team default profile from configuration', () => {
  it('is none without TEAM_INDUSTRY or a team in the playbook', () => {
    expect(teamDefault({}, playbook, packs, compliance)).toBeNull();
  });

  it('comes from the playbook, TEAM_INDUSTRY overriding it and TEAM_PRODUCT naming the product', () => {
    expect(teamDefault({}, withTeam, packs, compliance)).toEqual({ industry: 'insurance', product: 'SafeLife' });
    expect(teamDefault({ TEAM_INDUSTRY: 'b2b_software' }, withTeam, packs, compliance)).toEqual({ industry: 'b2b_software', product: null });
    expect(teamDefault({ TEAM_INDUSTRY: ' b2b_software ', TEAM_PRODUCT: 'CloudLedger' }, playbook, packs, compliance)).toEqual({ industry: 'b2b_software', product: 'CloudLedger' });
    expect(teamDefault({ TEAM_PRODUCT: 'ShieldPlus' }, withTeam, packs, compliance)).toEqual({ industry: 'insurance', product: 'ShieldPlus' });
  });

  it('stops start-up with one line naming the variable, exit code 2', () => {
    const failure = (env: NodeJS.ProcessEnv, book = playbook) => {
      try {
        teamDefault(env, book, packs, compliance);
      } catch (err) {
        expect(err instanceof ConfigError || (err as Error).name === 'StartupError').toBe(true);
        return startupFailure(err);
      }
      throw new Error('no failure');
    };
    expect(failure({ TEAM_INDUSTRY: 'fintech' })).toEqual({ exitCode: 2, message: expect.stringMatching(/^invalid configuration: TEAM_INDUSTRY names no industry pack: "fintech" is not an industry pack \(b2b_software, cars, /) });
    expect(failure({ TEAM_PRODUCT: 'CloudLedger' })).toEqual({ exitCode: 2, message: expect.stringMatching(/^invalid configuration: TEAM_PRODUCT needs an industry/) });
    expect(failure({ TEAM_INDUSTRY: 'wealth_management', TEAM_PRODUCT: '保本理财' })?.message).toMatch(/TEAM_PRODUCT cannot go into messages for customers: .*principal_guarantee/);
    expect(failure({ TEAM_INDUSTRY: 'cars', TEAM_PRODUCT: 'x'.repeat(31) })?.message).toMatch(/TEAM_PRODUCT .*longer than 30 characters/);
    expect(failure({}, { ...playbook, team: { industry: 'fintech' } })?.message).toMatch(/^the playbook is invalid, not starting: playbook\.yaml: team: "fintech" is not an industry pack/);
  });
});
