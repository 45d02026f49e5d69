import { z } from 'zod';
import { IsoTime, Sha256Hex } from './ids.ts';

export const AuditEvent = z.object({
  seq: z.number().int().min(1),
  at: IsoTime,
  /** The acting user's id, or "system" for the hub's own decisions (routing). */
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});

/** The hash of "no previous event". */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditEntry = Omit<AuditEvent, 'prevHash' | 'hash'>;
