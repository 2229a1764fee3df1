import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { staffingCommand } from './staffing-command.ts';

function run(options: Parameters<typeof staffingCommand>[0]): string {
  let out = '';
  staffingCommand(options, (text) => {
    out += text;
  });
  return out;
}

describe('frontline wfm staffing', () => {
  const flags = { volume: '100', intervalMinutes: '30', ahtSeconds: '180', targetServiceLevel: '0.8', targetSeconds: '20' };

  it('prints the result as JSON with --json, the same fields as the API', () => {
    const printed = JSON.parse(run({ ...flags, shrinkage: '0.3', maxOccupancy: '0.85', json: true }));
    expect(printed).toMatchObject({ model: 'erlang_c', agents: 14, scheduled_agents: 20, abandonment: null });
    expect(Object.keys(printed).sort()).toEqual(
      [
        'abandonment',
        'agents',
        'asa_seconds',
        'fte',
        'model',
        'occupancy',
        'probability_of_waiting',
        'scheduled_agents',
        'service_level',
        'shrinkage',
        'traffic_erlangs',
      ].sort(),
    );
  });

  it('switches to Erlang A with --patience-seconds', () => {
    expect(JSON.parse(run({ ...flags, patienceSeconds: '300', maxOccupancy: '0.85', json: true }))).toMatchObject({
      model: 'erlang_a',
      agents: 13,
    });
  });

  it('prints a readable table without --json', () => {
    const table = run({ ...flags, patienceSeconds: '300' });
    expect(table).toContain('Erlang A (patience 300 s): 100 calls in 30 min, AHT 180 s');
    expect(table).toMatch(/agents needed\s+13/);
    expect(table).toMatch(/abandonment\s+\d+\.\d%/);
    expect(table).toMatch(/FTE at 30\.0% shrinkage\s+18\.57/);
  });

  it('names the flag at fault', () => {
    expect(() => run({ ...flags, ahtSeconds: 'three minutes' })).toThrow(/--aht-seconds must be a number/);
    try {
      run({ ...flags, targetServiceLevel: '80', shrinkage: '1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      expect((error as AppError).message).toContain('--target-service-level must be less than 1');
      expect((error as AppError).message).toContain('--shrinkage must be less than 1');
    }
  });

  it('requires the volume and the AHT', () => {
    expect(() => run({ intervalMinutes: '30' })).toThrow(/--volume is required; --aht-seconds is required/);
  });
});
