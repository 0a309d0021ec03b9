// One observation of a criterion and what it says: the criteria's own vocabulary, which the journal records.
// A leaf, so evaluate and judge never import the lifecycle that calls them.
export type SampleState = 'met' | 'breached' | 'no-data';
export type SamplePhase = 'baseline' | 'fault' | 'recovery' | 'end';

export interface Sample {
  t: number; // epoch ms
  phase: SamplePhase;
  value?: number | undefined;
  state: SampleState;
  error?: string | undefined;
  /** Series judged one by one (== / != over several): the labels of those that decided the state. */
  series?: string[] | undefined;
  /** An HTTP probe's answer: `HTTP 200`, `HTTP 503`, `timeout after 2s`, `connection refused`. */
  detail?: string | undefined;
}

export type CriterionVerdict = 'met' | 'breached' | 'no-data' | 'not-evaluated';
