-- The audit trail made tamper-evident and searchable (issue 6). V1 is not edited: it may already run somewhere.

-- Before/after values of non-secret fields, the target's department (for filtering), and the service instance
-- that wrote the intent (so that only intents of a stopped instance are ever marked 'unknown').
alter table audit_event
    add column changes           jsonb not null default '[]',
    add column target_department text,
    add column instance_id       text,
    add constraint audit_event_changes_ck check (jsonb_typeof(changes) = 'array');

-- Outcomes get their own insertion order, so the sealer can find new ones without scanning old events.
alter table audit_outcome add column id bigint generated always as identity;
alter table audit_outcome add constraint audit_outcome_id_uq unique (id);

-- Filters of GET /audit-events, each usable newest first (id desc).
create index audit_event_status_idx on audit_event (status, id);
create index audit_event_rule_idx on audit_event (rule, id) where rule is not null;
create index audit_event_actor_department_idx on audit_event (actor_department, id);
create index audit_event_target_department_idx on audit_event (target_department, id);
create index audit_outcome_outcome_idx on audit_outcome (outcome, event_id);
-- Intents of one instance, for marking them 'unknown' once it has stopped.
create index audit_event_instance_pending_idx on audit_event (instance_id, id) where status = 'pending';

-- The hash chain, written by one sealer at a time, off the write path: each committed audit row (event or outcome)
-- gets the next sequence number, the hash of its canonical content, the previous seal's hash, and its own hash.
-- Append-only like the rows it seals, so that sealing needs no UPDATE of audit rows.
create table audit_seal (
    seq          bigint      not null,
    kind         text        not null,
    ref_id       bigint      not null,
    content_hash bytea       not null,
    prev_hash    bytea       not null,
    hash         bytea       not null,
    sealed_at    timestamptz not null default now(),
    constraint audit_seal_pk primary key (seq),
    constraint audit_seal_ref_uq unique (kind, ref_id),
    constraint audit_seal_kind_ck check (kind in ('event', 'outcome')),
    constraint audit_seal_seq_ck check (seq >= 1)
);

create trigger audit_seal_append_only
    before update or delete on audit_seal
    for each row execute function audit_append_only();

create trigger audit_seal_no_truncate
    before truncate on audit_seal
    for each statement execute function audit_append_only();

-- Running service instances. Not audit data: heartbeats update it.
create table audit_instance (
    instance_id  text        not null,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null,
    stopped_at   timestamptz,
    -- Set once its pending intents have been marked 'unknown'; the instance, if alive after all, re-registers.
    reaped_at    timestamptz,
    constraint audit_instance_pk primary key (instance_id)
);

-- Least privilege without needing CREATEROLE here: when the operator has created the role delegated_admin_app
-- (see docs/decisions.md), it may only insert and select audit rows. Migrations still run as the owner.
do
$$
begin
    if exists (select 1 from pg_roles where rolname = 'delegated_admin_app') then
        grant select, insert on audit_event, audit_outcome, audit_seal to delegated_admin_app;
        revoke update, delete, truncate on audit_event, audit_outcome, audit_seal from delegated_admin_app;
        grant select, insert, update on audit_instance to delegated_admin_app;
        grant select, insert, update, delete on local_user, signing_key to delegated_admin_app;
        -- Later migrations' tables are the application's to change, unless they say otherwise.
        alter default privileges grant select, insert, update, delete on tables to delegated_admin_app;
        alter default privileges grant usage, select on sequences to delegated_admin_app;
    end if;
end
$$;

revoke update, delete, truncate on audit_event, audit_outcome, audit_seal from public;
