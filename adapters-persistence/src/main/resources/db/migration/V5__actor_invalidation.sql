-- Issue 11: a write through any instance tells every instance to forget its cached copy of the written user (the
-- Auth0 actor cache). Each instance polls rows newer than the last it saw; rows are short-lived (swept after an
-- hour), only the id order and the recent past matter.
create table actor_invalidation (
    id         bigserial   not null,
    user_id    text        not null,
    created_at timestamptz not null default now(),
    constraint actor_invalidation_pk primary key (id)
);

create index actor_invalidation_created_at_ix on actor_invalidation (created_at);
