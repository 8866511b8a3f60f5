-- ===== upgrade
-- drop index ix_users_name on users (name)
DROP INDEX ix_users_name;

-- ===== downgrade
-- add index ix_users_name on users (name)
-- REVIEW: builds index ix_users_name without CONCURRENTLY: writes to users wait until it is built; for a big table use CREATE INDEX CONCURRENTLY in a script that runs outside a transaction
CREATE INDEX ix_users_name ON users (name);
