import type { ReactNode } from 'react';
import type { AssignmentRole, Role } from '../../../shared/index.ts';
import { prewarmCharts } from '../components/charts/prewarm.ts';
import type { Route } from '../router.ts';
import { AdjudicationScreen } from './adjudication/Adjudication.tsx';
import { AuditLogScreen } from './audit/AuditLog.tsx';
import { ConsensusScreen } from './consensus/Consensus.tsx';
import { DecisionScreen } from './decision/Decision.tsx';
import { DecisionsScreen } from './decisions/Decisions.tsx';
import { CalibrationScreen } from './calibration/Calibration.tsx';
import { CalibrationSetsScreen } from './calibration-sets/CalibrationSets.tsx';
import { PolicyScreen } from './policy/Policy.tsx';
import { QueueScreen } from './queue/Queue.tsx';
import { ReliabilityScreen } from './reliability/Reliability.tsx';
import { ReviewScreen } from './review/Review.tsx';
import { SettingsScreen } from './settings/Settings.tsx';
import { TurnaroundScreen } from './turnaround/Turnaround.tsx';

/** What every screen is given: the id from its route (if it takes one) and a way to move on. */
export type ScreenContext = { id: string | undefined; navigate(route: Route): void };

export type ScreenEntry = {
  name: string;
  /** The main navigation's label; screens about one thing (a review) have none. */
  navLabel?: string;
  /** Who sees the screen; a signed-in user with none of these roles never reaches it. */
  roles: readonly Role[] | 'any';
  /** The screen a "nav" entry counts as current for, e.g. a review belongs to the queue. */
  under?: string;
  render(ctx: ScreenContext): ReactNode;
  /** Idle-time work after sign-in, for users who may open the screen, so that its first visit is quick. */
  prewarm?(): void;
};

const WORKERS: readonly Role[] = ['assessor', 'master_rater'];
/** Issuer staff's screens read the hub directly and work only online (docs/ARCHITECTURE.md). */
const STAFF: readonly Role[] = ['staff'];
/** A master rater's own list: the queue, showing only master assignments. */
const MASTER_SCOPE = { title: 'Master scoring', filter: { roles: ['master' as const] } };
/** The screen a queue row opens: adjudication and consensus tasks have their own, everything else is a review. */
const workspaceOf = (role: AssignmentRole): string => (role === 'adjudication' || role === 'consensus' ? role : 'review');

/**
 * Role-based navigation comes from this one table, as the hub's routes come from
 * HUB_ROUTES: the header's buttons, the screen a route shows, and the first screen after
 * sign-in (the first entry the user's roles allow) all read it.
 */
export const SCREENS: readonly ScreenEntry[] = [
  {
    name: 'queue', navLabel: 'Assignments', roles: WORKERS,
    render: ({ navigate }) => <QueueScreen onOpen={(id, role) => navigate({ name: workspaceOf(role), id })} onCalibrate={() => navigate({ name: 'calibration' })} />,
  },
  {
    name: 'review', roles: WORKERS, under: 'queue',
    render: ({ id, navigate }) => <ReviewScreen key={id} assignmentId={id ?? ''} onDone={() => navigate({ name: 'queue' })} />,
  },
  {
    name: 'adjudication', roles: ['master_rater'], under: 'queue',
    render: ({ id, navigate }) => <AdjudicationScreen key={id} assignmentId={id ?? ''} onDone={() => navigate({ name: 'queue' })} />,
  },
  {
    name: 'consensus', roles: WORKERS, under: 'queue',
    render: ({ id, navigate }) => <ConsensusScreen key={id} assignmentId={id ?? ''} onDone={() => navigate({ name: 'queue' })} />,
  },
  { name: 'decisions', navLabel: 'Decisions', roles: STAFF, render: ({ navigate }) => <DecisionsScreen onOpen={(id) => navigate({ name: 'decision', id })} /> },
  {
    name: 'decision', roles: STAFF, under: 'decisions',
    render: ({ id, navigate }) => <DecisionScreen key={id} submissionId={id ?? ''} navigate={navigate} />,
  },
  { name: 'audit', navLabel: 'Audit log', roles: STAFF, render: () => <AuditLogScreen /> },
  { name: 'calibration', navLabel: 'Calibration', roles: ['assessor'], render: ({ navigate }) => <CalibrationScreen onQueue={() => navigate({ name: 'queue' })} /> },
  {
    name: 'master', navLabel: 'Master scoring', roles: ['master_rater'],
    render: ({ navigate }) => <QueueScreen key="master" onOpen={(id, role) => navigate({ name: workspaceOf(role), id })} scope={MASTER_SCOPE} />,
  },
  { name: 'calibration-sets', navLabel: 'Calibration sets', roles: ['master_rater'], render: () => <CalibrationSetsScreen /> },
  { name: 'policy', navLabel: 'Policy', roles: STAFF, render: () => <PolicyScreen /> },
  { name: 'reliability', navLabel: 'Reliability', roles: ['staff', 'master_rater'], render: () => <ReliabilityScreen />, prewarm: prewarmCharts },
  { name: 'turnaround', navLabel: 'Turnaround', roles: STAFF, render: () => <TurnaroundScreen />, prewarm: prewarmCharts },
  { name: 'settings', navLabel: 'Settings', roles: 'any', render: () => <SettingsScreen /> },
];

export const allows = (entry: ScreenEntry, roles: readonly Role[]): boolean => entry.roles === 'any' || entry.roles.some((r) => roles.includes(r));

/** The screen a route shows for these roles: the route's own when allowed, else the user's first. */
export function screenFor(route: Route | null, roles: readonly Role[]): { entry: ScreenEntry; id: string | undefined } {
  const own = route && SCREENS.find((s) => s.name === route.name);
  if (own && allows(own, roles) && (own.navLabel !== undefined || route.id !== undefined)) return { entry: own, id: route.id };
  const first = SCREENS.find((s) => s.navLabel !== undefined && allows(s, roles)) as ScreenEntry;
  return { entry: first, id: undefined };
}
