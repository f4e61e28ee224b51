-- Issue 12: the request id a client sends is kept apart from the server's own (request_id), so a forged row cannot
-- claim a real request's id. Covered by the content hash only when set (see AuditHashes), so older rows keep theirs.
alter table audit_event add column client_request_id text;

create index audit_event_client_request_id_idx on audit_event (client_request_id, id) where client_request_id is not null;
