-- Issue 12 item 1: automatic signing-key rotation. retired_at is when a key stopped signing; it keeps verifying until
-- every token it signed has expired, then its row is deleted. A key that is neither active nor retired is the next
-- one, published (JWKS) before it signs so that every instance knows it first. Keys retired by hand before this
-- migration count as retired now.
alter table signing_key add column retired_at timestamptz;

update signing_key set retired_at = now() where not active;
