/** `frontline wfm staffing`: the staffing calculation from the command line, as JSON or a readable table. */
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { parseStaffingRequest, staffingFor } from './staffing.ts';
import type { StaffingInput, StaffingResult } from './wfm.schemas.ts';

/** Commander's options (camelCase of the flags); values arrive as strings unless a parser converted them. */
export interface StaffingCommandOptions {
  volume?: string | number;
  intervalMinutes?: string | number;
  ahtSeconds?: string | number;
  targetServiceLevel?: string | number;
  targetSeconds?: string | number;
  patienceSeconds?: string | number;
  shrinkage?: string | number;
  maxOccupancy?: string | number;
  json?: boolean;
}

const flags: Record<keyof StaffingInput, { option: keyof StaffingCommandOptions; flag: string }> = {
  volume: { option: 'volume', flag: '--volume' },
  interval_minutes: { option: 'intervalMinutes', flag: '--interval-minutes' },
  aht_seconds: { option: 'ahtSeconds', flag: '--aht-seconds' },
  target_service_level: { option: 'targetServiceLevel', flag: '--target-service-level' },
  target_seconds: { option: 'targetSeconds', flag: '--target-seconds' },
  patience_seconds: { option: 'patienceSeconds', flag: '--patience-seconds' },
  shrinkage: { option: 'shrinkage', flag: '--shrinkage' },
  max_occupancy: { option: 'maxOccupancy', flag: '--max-occupancy' },
};

function invalid(errors: ErrorDetail[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
}

/** The command's options as a staffing request; AppError `validation_failed` names the flags at fault. */
export function staffingRequestFromOptions(options: StaffingCommandOptions): StaffingInput {
  const request: Record<string, number> = {};
  const errors: ErrorDetail[] = [];
  for (const [field, { option, flag }] of Object.entries(flags)) {
    const raw = options[option];
    if (raw === undefined || typeof raw === 'boolean') continue;
    const value = typeof raw === 'number' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
    if (Number.isFinite(value)) request[field] = value;
    else errors.push({ path: flag, message: `must be a number, got "${String(raw)}"` });
  }
  if (errors.length > 0) throw invalid(errors);
  try {
    return parseStaffingRequest(request as StaffingInput);
  } catch (error) {
    if (!(error instanceof AppError) || !Array.isArray(error.details)) throw error;
    throw invalid(error.details.map((d) => ({ ...d, path: flags[d.path as keyof StaffingInput]?.flag ?? d.path })));
  }
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The result as a short table for people. */
export function formatStaffing(input: StaffingInput, result: StaffingResult): string {
  const model = result.model === 'erlang_a' ? `Erlang A (patience ${input.patience_seconds} s)` : 'Erlang C';
  const rows: [string, string][] = [
    ['traffic', `${result.traffic_erlangs.toFixed(2)} Erlangs`],
    ['agents needed', String(result.agents)],
    ['service level', `${percent(result.service_level)} within ${input.target_seconds} s (target ${percent(input.target_service_level)})`],
    ['ASA', `${result.asa_seconds.toFixed(1)} s`],
    ['occupancy', percent(result.occupancy) + (input.max_occupancy === undefined ? '' : ` (cap ${percent(input.max_occupancy)})`)],
    ['P(wait)', percent(result.probability_of_waiting)],
    ...(result.abandonment === null ? [] : ([['abandonment', percent(result.abandonment)]] as [string, string][])),
    [`FTE at ${percent(result.shrinkage)} shrinkage`, result.fte.toFixed(2)],
    ['scheduled agents', String(result.scheduled_agents)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const heading = `${model}: ${input.volume} calls in ${input.interval_minutes} min, AHT ${input.aht_seconds} s`;
  return [heading, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n') + '\n';
}

/** Runs the command: prints JSON with `--json`, a table otherwise; returns the result. */
export function staffingCommand(
  options: StaffingCommandOptions,
  write: (text: string) => void = (text) => process.stdout.write(text),
): StaffingResult {
  const input = staffingRequestFromOptions(options);
  const result = staffingFor(input);
  write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatStaffing(input, result));
  return result;
}
