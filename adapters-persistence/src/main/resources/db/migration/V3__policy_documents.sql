-- Versioned policy documents (SPEC section 7). Versions and activations are append-only: the active version is
-- the one named by the newest activation, so a rollback is one more row and the history stays complete.

create table policy_version (
    version      bigint      not null,
    -- json, not jsonb: the document reads back with its keys in the order the administrator wrote them.
    document     json        not null,
    -- file: SHA-256 of the file's bytes (an unchanged file is not stored again); api: of the document.
    content_hash text        not null,
    source       text        not null,
    source_name  text,
    created_at   timestamptz not null,
    created_by   text,
    constraint policy_version_pk primary key (version),
    constraint policy_version_positive_ck check (version > 0),
    constraint policy_version_source_ck check (source in ('file', 'api')),
    constraint policy_version_document_ck check (json_typeof(document) = 'object')
);

create index policy_version_source_idx on policy_version (source, version);

create table policy_activation (
    id           bigint      generated always as identity,
    version      bigint      not null,
    activated_at timestamptz not null,
    activated_by text,
    constraint policy_activation_pk primary key (id),
    constraint policy_activation_version_fk foreign key (version) references policy_version (version)
);

create function policy_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'policy versions and activations are append-only'
        using detail = format('%s on %s', tg_op, tg_table_name);
end
$$;

create trigger policy_version_append_only
    before update or delete on policy_version
    for each row execute function policy_append_only();

create trigger policy_activation_append_only
    before update or delete on policy_activation
    for each row execute function policy_append_only();

create trigger policy_version_no_truncate
    before truncate on policy_version
    for each statement execute function policy_append_only();

create trigger policy_activation_no_truncate
    before truncate on policy_activation
    for each statement execute function policy_append_only();
