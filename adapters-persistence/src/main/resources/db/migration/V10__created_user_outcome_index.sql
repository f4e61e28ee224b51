-- ?target=<id> also finds the create of <id>: its row is written before the IdP assigns the id and never updated,
-- so the id is only in the outcome's detail, 'user_id=<id>' (JooqAuditTrail). Hash: detail has no length limit.
create index audit_outcome_created_user_idx on audit_outcome using hash (detail) where detail like 'user_id=%';
