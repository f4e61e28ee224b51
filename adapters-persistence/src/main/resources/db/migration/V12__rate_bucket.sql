-- One token bucket per IdP tenant, shared by every instance (SPEC section 9: one Management API budget).
-- tokens: what was left at refilled_at; refilled_at in the future: empty until then (the tenant answered 429).
create table rate_bucket (
    bucket_key  text             not null,
    tokens      double precision not null,
    refilled_at timestamptz      not null,
    constraint rate_bucket_pk primary key (bucket_key)
);
