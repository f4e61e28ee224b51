-- Least privilege for the runtime role delegated_admin_app (issue 12), also on databases migrated before the role
-- existed (V2 grants only if it does; the embedded database now creates it before migrating). Tables the role
-- has no privilege on get DML, so later migrations' revokes stay as they are; then the append-only tables are
-- brought back to SELECT and INSERT. Migrations keep running as the schema's owner. No role is created here.
do
$$
declare
    t regclass;
begin
    if not exists (select 1 from pg_roles where rolname = 'delegated_admin_app') then
        return;
    end if;
    for t in select c.oid::regclass from pg_class c
             where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
               and c.relname <> '${flyway:table}'
               and not has_table_privilege('delegated_admin_app', c.oid, 'select, insert, update, delete')
    loop
        execute format('grant select, insert, update, delete on %s to delegated_admin_app', t);
    end loop;
    execute format('grant usage on schema %I to delegated_admin_app', current_schema());
    execute format('grant usage, select on all sequences in schema %I to delegated_admin_app', current_schema());
    execute format('revoke all on %I from delegated_admin_app', '${flyway:table}');

    revoke all on audit_event, audit_outcome, audit_seal from delegated_admin_app;
    grant select, insert on audit_event, audit_outcome, audit_seal to delegated_admin_app;
    -- Append-only by their triggers already; the role needs no more than for the audit tables.
    revoke all on policy_version, policy_activation from delegated_admin_app;
    grant select, insert on policy_version, policy_activation to delegated_admin_app;

    alter default privileges grant select, insert, update, delete on tables to delegated_admin_app;
    alter default privileges grant usage, select on sequences to delegated_admin_app;
end
$$;
