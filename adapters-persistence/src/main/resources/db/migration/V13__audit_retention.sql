-- Issue 12 item 7: retention. Sealed rows older than AUDIT_RETENTION are written to an archive file outside the
-- database, then deleted by the maintenance role delegated_admin_maintenance, and only that role, and only rows whose
-- seal is at or below an archived boundary. The chain then starts from the archive's last hash.

-- One row per archive file: the seals from_seq..to_seq it holds, the last one's hash (the chain's new start), and a
-- signature (HMAC under the audit anchor key, which is not in the database) so that a row forged here is detected.
create table audit_archive (
    to_seq      bigint      not null,
    from_seq    bigint      not null,
    last_hash   bytea       not null,
    file_name   text        not null,
    file_sha256 text        not null,
    row_count   bigint      not null,
    archived_at timestamptz not null,
    instance    text        not null,
    signature   text        not null,
    constraint audit_archive_pk primary key (to_seq),
    constraint audit_archive_range_ck check (from_seq >= 1 and to_seq >= from_seq)
);

-- The append-only rule, with one exception: the maintenance role may delete an audit row (or seal) whose seal is at
-- or below the newest archived boundary. current_user is the role the statement runs as: the runtime role is not a
-- member of the maintenance role, so it cannot SET ROLE to it, and it has no DELETE privilege anyway.
create or replace function audit_append_only() returns trigger
    language plpgsql as
$$
declare
    archived bigint;
    sealed   bigint;
begin
    if tg_op = 'DELETE' and current_user = 'delegated_admin_maintenance'
       and tg_table_name in ('audit_event', 'audit_outcome', 'audit_seal') then
        select max(a.to_seq) into archived from audit_archive a;
        if tg_table_name = 'audit_seal' then
            sealed := old.seq;
        else
            select s.seq into sealed from audit_seal s
            where s.kind = case tg_table_name when 'audit_event' then 'event' else 'outcome' end
              and s.ref_id = old.id;
        end if;
        if archived is not null and sealed is not null and sealed <= archived then
            return old;
        end if;
    end if;
    raise exception 'audit rows are append-only'
        using detail = format('%s on %s', tg_op, tg_table_name);
end
$$;

create trigger audit_archive_append_only
    before update or delete on audit_archive
    for each row execute function audit_append_only();

create trigger audit_archive_no_truncate
    before truncate on audit_archive
    for each statement execute function audit_append_only();

-- Finding the boundary: the oldest seal newer than the bound.
create index audit_seal_sealed_at_idx on audit_seal (sealed_at);

revoke all on audit_archive from public;

do
$$
begin
    if exists (select 1 from pg_roles where rolname = 'delegated_admin_app') then
        -- The default privileges of V2 gave it DML: it only reads archives (verify).
        revoke all on audit_archive from delegated_admin_app;
        grant select on audit_archive to delegated_admin_app;
    end if;
    if exists (select 1 from pg_roles where rolname = 'delegated_admin_maintenance') then
        execute format('grant usage on schema %I to delegated_admin_maintenance', current_schema());
        grant select, delete on audit_event, audit_outcome, audit_seal to delegated_admin_maintenance;
        grant select, insert on audit_archive to delegated_admin_maintenance;
    end if;
end
$$;
