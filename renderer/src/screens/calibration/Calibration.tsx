import type { CalibrationAttempt, CalibrationStanding } from '../../../../shared/index.ts';
import { EXPIRY_REMINDER_DAYS, remindsOfExpiry } from '../../../../shared/index.ts';
import type { ApiError } from '../../api/api-error.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';
import { AttemptResults } from './AttemptResults.tsx';

type Props = { onQueue(): void };

function stateText(s: CalibrationStanding): { text: string; tone: 'met' | 'warn' | '' } {
  if (s.state === 'suspended') return { text: 'Calibration required: suspended because recent checks drifted from the master scores', tone: 'warn' };
  if (s.state === 'expired') return { text: `Expired on ${formatDate(s.calibratedUntil)}`, tone: 'warn' };
  if (remindsOfExpiry(s)) {
    return { text: `Current until ${formatDate(s.calibratedUntil)}: expires in ${s.daysLeft} day${s.daysLeft === 1 ? '' : 's'}`, tone: 'warn' };
  }
  return { text: `Current until ${formatDate(s.calibratedUntil)}`, tone: 'met' };
}

/** The hub's refusal in words: when a retake may start, or that an attempt is already open. */
function startError(error: ApiError): string {
  const retryAfter = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (error.code === 'retake_too_soon' && typeof retryAfter === 'string' && !Number.isNaN(Date.parse(retryAfter))) {
    return `You can calibrate again after ${formatDateTime(retryAfter)}.`;
  }
  if (error.code === 'attempt_open') return 'An attempt is already open: score its items in Assignments.';
  return error.message;
}

const latestDone = (attempts: readonly CalibrationAttempt[]) =>
  attempts.filter((a) => a.state !== 'open').sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))[0];

function StandingRow({ standing, online, onQueue }: { standing: CalibrationStanding; online: boolean; onQueue(): void }) {
  const { microCredentialId } = standing;
  const start = useApiMutation('calibration.start', ['calibration.standing', 'queue.list', 'calibration.attempts', 'sync.status']);
  const attempts = useApiQuery('calibration.attempts', { microCredentialId }, { enabled: online, retry: false });
  const { text, tone } = stateText(standing);
  const headingId = `standing-${microCredentialId}`;
  const noteId = `standing-note-${microCredentialId}`;
  const open = (attempts.data?.attempts ?? []).find((a) => a.state === 'open');
  const inProgress = standing.openCalibrationItems > 0 || open !== undefined;
  const done = latestDone(attempts.data?.attempts ?? []);
  return (
    <li className="standing" aria-labelledby={headingId}>
      <h2 id={headingId}>{standing.title}</h2>
      <p className={`standing-state ${tone}`}>{text}</p>
      {standing.lockedAssignments > 0 && (
        <p>{standing.lockedAssignments} assignment{standing.lockedAssignments === 1 ? ' is' : 's are'} locked until you calibrate.</p>
      )}
      {inProgress ? (
        <p>
          Attempt in progress: {standing.openCalibrationItems} item{standing.openCalibrationItems === 1 ? '' : 's'} marked “Calibration” to score.{' '}
          <button type="button" className="link" onClick={onQueue}>Go to assignments</button>
        </p>
      ) : (
        <>
          <button type="button" className="primary" disabled={!online || start.isPending} aria-describedby={online ? undefined : noteId}
            onClick={() => start.mutate({ microCredentialId })}>
            {start.isPending ? 'Starting…' : 'Start calibration'}
          </button>
          {!online && <p id={noteId} className="notice notice-warn">You are offline. Starting a calibration needs the hub; its items can then be scored offline.</p>}
        </>
      )}
      {start.error && <p role="alert" className="error">Could not start: {startError(start.error)}</p>}
      {start.data && (
        <p role="status">
          Started: {start.data.attempt.assignmentIds.length} {start.data.attempt.assignmentIds.length === 1 ? 'item is' : 'items are'} in your assignments, marked “Calibration”.
        </p>
      )}
      {online && attempts.error && <p className="error">Could not read earlier attempts: {attempts.error.message}</p>}
      {!online && <p className="muted">Results of earlier attempts are read from the hub when you are online.</p>}
      {done && <AttemptResults attempt={done} policy={standing.policy} />}
    </li>
  );
}

/** An assessor's qualifications: where each stands, calibrating, and the latest results. */
export function CalibrationScreen({ onQueue }: Props) {
  const standings = useApiQuery('calibration.standing', {});
  const sync = useApiQuery('sync.status', {});
  const online = sync.data?.online ?? false;
  const rows = standings.data?.standings ?? [];
  return (
    <div className="calibration">
      <div className="screen-head"><h1>Calibration</h1></div>
      <p className="muted">
        Score practice items the master scorer has scored; at the pass mark you are qualified again. Your qualification expires
        after a set time, and you are reminded {EXPIRY_REMINDER_DAYS} days before.
      </p>
      {standings.error && <p role="alert" className="error">Could not read your qualifications: {standings.error.message}</p>}
      {!standings.isPending && rows.length === 0 && !standings.error && <p className="empty">You hold no qualification on this device yet. Sync to fetch yours.</p>}
      <ul className="standing-list">
        {rows.map((s) => <StandingRow key={s.microCredentialId} standing={s} online={online} onQueue={onQueue} />)}
      </ul>
    </div>
  );
}
