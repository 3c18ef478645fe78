export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  /** Enqueuing twice with the same key yields one job: how senders make "send this warning to this phone" once. */
  idempotency_key: string | null;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  /** A running job whose lease has passed is taken again: its worker died. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobsTables {
  jobs: JobsTable;
}
