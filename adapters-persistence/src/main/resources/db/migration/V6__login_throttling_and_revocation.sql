-- Login throttling and token revocation (issue 11).

-- Failed local log-ins, shared by every instance: one row per account (the attempted email, whether or not a user
-- has it, so that an unknown email is throttled the same way) and one per client address. `failures` counts the
-- failures since `window_started_at`; `locked_until` is set when they reach the limit (a brute-force block);
-- `unaudited` counts the failures and refused attempts that were not written to the audit trail (only the first
-- failure of a window and the lock are).
create table login_throttle (
    kind              text        not null,
    subject           text        not null,
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz,
    unaudited         bigint      not null default 0,
    updated_at        timestamptz not null,
    constraint login_throttle_pk primary key (kind, subject),
    constraint login_throttle_kind_ck check (kind in ('account', 'address')),
    constraint login_throttle_failures_ck check (failures >= 0)
);

create index login_throttle_updated_idx on login_throttle (updated_at);

-- In every local token (claim `cv`); bumped on password, email, block and role changes and on logout, so that the
-- tokens issued before stop working at once.
alter table local_user add column credential_version bigint not null default 0;

-- Signed login events already answered (issue 11 item 10): the SHA-256 (hex) of "t.body" with the answer, so that a
-- replay inside the signature's window gets the same answer and changes nothing. `response` is null while the
-- first copy is being processed. Rows older than the window are deleted.
create table login_event_receipt (
    event_key   text        not null,
    response    json,
    received_at timestamptz not null,
    constraint login_event_receipt_pk primary key (event_key)
);

create index login_event_receipt_received_idx on login_event_receipt (received_at);
