-- ===== upgrade
-- add unique constraint uq_users_email on users (email)
-- REVIEW: adding the unique constraint builds a unique index while writes to users wait
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);

-- ===== downgrade
-- drop unique constraint uq_users_email on users (email)
ALTER TABLE users DROP CONSTRAINT uq_users_email;
