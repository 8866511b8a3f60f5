-- ===== upgrade
-- drop index ix_users_name on users (name)
DROP INDEX ix_users_name;

-- ===== downgrade
-- add index ix_users_name on users (name)
CREATE INDEX ix_users_name ON users (name);
