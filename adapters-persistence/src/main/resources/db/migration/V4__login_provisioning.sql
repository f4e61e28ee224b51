-- Post-login provisioning (SPEC section 6).

-- At most once per (user, rule), for every IdP and every instance. A row is claimed before the IdP is called
-- ('claimed', with a token and a time: a claim older than the lease is taken over, so a crash does not block the
-- rule forever), then becomes 'applied' (never again) or 'retry' (the next login tries again).
create table login_rule_application (
    user_id     text        not null,
    rule_id     text        not null,
    state       text        not null,
    claim_token text        not null,
    updated_at  timestamptz not null,
    constraint login_rule_application_pk primary key (user_id, rule_id),
    constraint login_rule_application_state_ck check (state in ('claimed', 'applied', 'retry'))
);

-- The local IdP's organizations (Auth0 Organizations' counterpart), the connections enabled for each, their
-- members and the IdP roles assigned to local users. Maintained in SQL for now (there is no API for them yet).
create table local_organization (
    organization_id text not null,
    name            text not null,
    constraint local_organization_pk primary key (organization_id)
);

create table local_organization_connection (
    organization_id text not null,
    connection_id   text not null,
    constraint local_organization_connection_pk primary key (organization_id, connection_id),
    constraint local_organization_connection_org_fk foreign key (organization_id)
        references local_organization (organization_id) on delete cascade
);

create table local_organization_member (
    organization_id text        not null,
    user_id         text        not null,
    added_at        timestamptz not null,
    constraint local_organization_member_pk primary key (organization_id, user_id),
    constraint local_organization_member_org_fk foreign key (organization_id)
        references local_organization (organization_id) on delete cascade,
    constraint local_organization_member_user_fk foreign key (user_id)
        references local_user (user_id) on delete cascade
);

create index local_organization_member_user_idx on local_organization_member (user_id);

create table local_user_role (
    user_id     text        not null,
    role_id     text        not null,
    assigned_at timestamptz not null,
    constraint local_user_role_pk primary key (user_id, role_id),
    constraint local_user_role_user_fk foreign key (user_id) references local_user (user_id) on delete cascade
);
