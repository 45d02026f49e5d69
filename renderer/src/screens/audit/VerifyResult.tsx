import type { AuditVerifyResponse } from '../../../../shared/index.ts';
import { formatDateTime } from '../../format.ts';

/** What each fault means for someone who has to trust the log. */
const FAULTS: Record<NonNullable<AuditVerifyResponse['reason']>, string> = {
  invalid_public_key: 'the hub’s checkpoint key is not usable',
  bad_checkpoint_signature: 'a signed checkpoint’s signature does not verify',
  entry_mismatch: 'an entry was edited, removed or moved',
  checkpoint_mismatch: 'the chain no longer matches a signed checkpoint',
  truncated: 'the chain was cut back to before a signed checkpoint',
  head_mismatch: 'the chain’s head does not match its last entry',
};

/** The outcome of "Verify now": a plain green line, or a red state naming the first bad seq. */
export function VerifyResult({ verify }: { verify: AuditVerifyResponse }) {
  const latest = verify.latestCheckpoint;
  return (
    <section className="pane staff-section" aria-labelledby="verify-title">
      <h2 id="verify-title">Verification</h2>
      {verify.ok ? (
        <p className="verify-ok" role="status">All {verify.checked} events verify, and every one of the {verify.checkpoints} signed checkpoints checks out.</p>
      ) : (
        <div className="verify-failed" role="alert">
          <p><strong>Verification failed at seq {verify.firstBadSeq ?? 'unknown'}.</strong></p>
          <p>{verify.reason ? `Reason: ${FAULTS[verify.reason]}.` : 'An entry does not match the chain.'} Entries from seq {verify.firstBadSeq ?? '?'} on cannot be trusted.</p>
        </div>
      )}
      {latest ? (
        <p data-testid="latest-checkpoint">
          Latest signed checkpoint: seq {latest.seq}, signed <time dateTime={latest.at}>{formatDateTime(latest.at)}</time>
          {' '}<code title={latest.hash}>{latest.hash.slice(0, 16)}…</code>
        </p>
      ) : (
        <p className="muted" data-testid="latest-checkpoint">No checkpoint has been signed yet.</p>
      )}
    </section>
  );
}
