-- The queue is this table: a job is a row, a worker claims it with FOR UPDATE SKIP LOCKED and holds a lease
-- (lease_until) that it renews while it runs. A lease that runs out means the worker is gone.
create table jobs (
    id               uuid primary key,
    type             text        not null,
    payload          jsonb       not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'DEAD', 'CANCELLED')),
    priority         int         not null default 0,
    progress         int         not null default 0 check (progress between 0 and 100),
    attempts         int         not null default 0,
    max_attempts     int         not null check (max_attempts >= 1),
    run_at           timestamptz not null,
    lease_owner      text,
    lease_token      uuid,
    lease_until      timestamptz,
    cancel_requested boolean     not null default false,
    idempotency_key  text unique,
    result           jsonb,
    error            text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);

-- What a worker's claim scans: only runnable rows, in the order they are taken.
create index jobs_runnable on jobs (priority desc, run_at, id) where status in ('QUEUED', 'FAILED');
-- What the lease reaper scans.
create index jobs_leased on jobs (lease_until) where status = 'RUNNING';
create index jobs_by_status on jobs (status, updated_at desc);

-- One row per attempt: who ran it, when, and how it ended (retries and backoff are visible here).
-- An attempt released at shutdown is not counted, so its number comes round again: the key is a sequence.
create table job_attempts (
    id          bigserial primary key,
    job_id      uuid        not null references jobs (id) on delete cascade,
    attempt     int         not null,
    worker      text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    outcome     text,
    error       text
);
create index job_attempts_by_job on job_attempts (job_id, id);

-- The demo job's side effect, counted per job id: a second application shows a job that ran twice.
create table demo_effects (
    job_id     uuid primary key,
    applications int       not null,
    worker     text        not null,
    applied_at timestamptz not null
);
