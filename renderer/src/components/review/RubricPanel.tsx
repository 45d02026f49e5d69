import type { AssignmentRole, EvidenceNote, LockedCriterion, Rubric } from '../../../../shared/index.ts';
import { CriterionGroup, type PreviousRead } from './CriterionGroup.tsx';

export type RubricPanelProps = {
  rubric: Rubric;
  scores: Readonly<Record<string, number>>;
  feedback: Readonly<Record<string, string>>;
  onLevel(criterionId: string, level: number): void;
  onFeedback(criterionId: string, text: string): void;
  /** Set on a master review: its rationales and where an edit goes. */
  rationale?: { texts: Readonly<Record<string, string>>; onChange(criterionId: string, text: string): void } | null;
  role?: AssignmentRole;
  readOnly: boolean;
  /** Criteria met on the previous attempt, with that attempt's number. */
  locked: Readonly<Record<string, LockedCriterion>>;
  lockedAttempt: number | null;
  previous: { attempt: number; scores: Record<string, number>; feedback: Record<string, string> } | null;
  notes: readonly EvidenceNote[];
  artifactName(artifactId: string): string;
  onNoteSelect(note: EvidenceNote): void;
  activeIndex: number;
  onActivate(index: number): void;
};

/** The rubric: one group per criterion, in the rubric's order. */
export function RubricPanel(props: RubricPanelProps) {
  const { rubric, previous } = props;
  return (
    <div className="rubric-criteria">
      {rubric.criteria.map((criterion, index) => {
        const lock = props.locked[criterion.id];
        const prev: PreviousRead | null = previous
          ? { attempt: previous.attempt, level: previous.scores[criterion.id] ?? null, feedback: previous.feedback[criterion.id] ?? '' }
          : null;
        return (
          <CriterionGroup
            key={criterion.id}
            criterion={criterion}
            labels={rubric.scale.labels}
            level={lock ? lock.level : (props.scores[criterion.id] ?? null)}
            feedback={lock ? lock.feedback : (props.feedback[criterion.id] ?? '')}
            onLevel={(level) => props.onLevel(criterion.id, level)}
            onFeedback={(text) => props.onFeedback(criterion.id, text)}
            rationale={props.rationale ? { text: props.rationale.texts[criterion.id] ?? '', onChange: (text) => props.rationale?.onChange(criterion.id, text) } : null}
            role={props.role}
            readOnly={props.readOnly}
            locked={lock ? { ...lock, attempt: props.lockedAttempt ?? 1 } : null}
            previous={prev}
            notes={props.notes.filter((n) => n.criterionId === criterion.id)}
            artifactName={props.artifactName}
            onNoteSelect={props.onNoteSelect}
            active={index === props.activeIndex}
            onActivate={() => props.onActivate(index)}
          />
        );
      })}
    </div>
  );
}

/** Moves keyboard focus into a criterion's level radios (the checked one, else the first). */
export function focusCriterion(criterionId: string): void {
  const group = document.getElementById(`criterion-${criterionId}`);
  const radio = group?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]');
  radio?.focus();
  group?.scrollIntoView?.({ block: 'nearest' });
}
