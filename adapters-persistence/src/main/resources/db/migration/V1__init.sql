-- Initial schema (PostgreSQL 17). Constraint and index names are explicit so adapters can map violations.

-- Users of the built-in (local) identity provider.
create table local_user (
    user_id        text        not null,
    connection     text        not null,
    email          text        not null,
    email_verified boolean     not null default false,
    blocked        boolean     not null default false,
    -- Null: the user exists but cannot log in until a password is set.
    password_hash  text,
    user_metadata  jsonb       not null default '{}',
    app_metadata   jsonb       not null default '{}',
    -- Derived so that department scoping and its listing index stay in sync with app_metadata. Only a string
    -- counts, as in the domain (User.department()): {"department": 5} is no department, not department '5'.
    department     text        generated always as (
                                   case when jsonb_typeof(app_metadata -> 'department') = 'string'
                                        then app_metadata ->> 'department' end) stored,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    logins_count   integer     not null default 0,
    last_login     timestamptz,
    constraint local_user_pk primary key (user_id),
    constraint local_user_connection_email_uq unique (connection, email),
    constraint local_user_email_lower_ck check (email = lower(email)),
    constraint local_user_user_metadata_ck check (jsonb_typeof(user_metadata) = 'object'),
    constraint local_user_app_metadata_ck check (jsonb_typeof(app_metadata) = 'object'),
    constraint local_user_logins_count_ck check (logins_count >= 0)
);

-- Keyset pagination: per department, and across all users.
create index local_user_department_created_idx on local_user (department, created_at, user_id);
create index local_user_created_idx on local_user (created_at, user_id);

-- Token signing keys of the local identity provider.
create table signing_key (
    kid         text        not null,
    algorithm   text        not null,
    private_key bytea       not null, -- PKCS#8, DER
    public_key  bytea       not null, -- X.509 SubjectPublicKeyInfo, DER
    created_at  timestamptz not null,
    active      boolean     not null,
    constraint signing_key_pk primary key (kid)
);

-- At most one key signs new tokens; older ones stay for verification.
create unique index signing_key_single_active_uq on signing_key (active) where active;

-- Every access decision and write attempt. Append-only: the outcome of an IdP call goes to audit_outcome.
create table audit_event (
    id               bigint      generated always as identity,
    occurred_at      timestamptz not null,
    request_id       text,
    actor_id         text,
    actor_email      text,
    actor_department text,
    action           text        not null,
    target_id        text,
    target_email     text,
    decision         text        not null,
    rule             text,
    message          text,
    changed_fields   jsonb       not null default '[]',
    -- 'pending' for an allowed write awaiting the IdP, otherwise final (e.g. 'denied', 'succeeded').
    status           text        not null,
    constraint audit_event_pk primary key (id),
    constraint audit_event_decision_ck check (decision in ('allowed', 'denied')),
    constraint audit_event_changed_fields_ck check (jsonb_typeof(changed_fields) = 'array')
);

-- Newest-first keyset pagination (id desc) per filter; the primary key serves the unfiltered list.
create index audit_event_actor_idx on audit_event (actor_id, id);
create index audit_event_target_idx on audit_event (target_id, id);
create index audit_event_action_idx on audit_event (action, id);
create index audit_event_occurred_idx on audit_event (occurred_at);

-- Final outcome of a pending event, written once.
create table audit_outcome (
    event_id     bigint      not null,
    outcome      text        not null,
    detail       text,
    completed_at timestamptz not null,
    constraint audit_outcome_pk primary key (event_id),
    constraint audit_outcome_event_fk foreign key (event_id) references audit_event (id)
);

-- Triggers fire for the table owner too, unlike revoked privileges.
create function audit_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit rows are append-only'
        using detail = format('%s on %s', tg_op, tg_table_name);
end
$$;

create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function audit_append_only();

create trigger audit_outcome_append_only
    before update or delete on audit_outcome
    for each row execute function audit_append_only();

-- TRUNCATE skips row triggers.
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_append_only();

create trigger audit_outcome_no_truncate
    before truncate on audit_outcome
    for each statement execute function audit_append_only();
