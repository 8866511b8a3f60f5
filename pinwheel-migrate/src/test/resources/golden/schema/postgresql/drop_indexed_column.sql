-- ===== upgrade
-- drop index ix_users_name on users (name)
DROP INDEX ix_users_name;

-- drop column users.name
-- REVIEW: drops column users.name and its data
ALTER TABLE users DROP COLUMN name;

-- ===== downgrade
-- add column users.name varchar(50) NULL
ALTER TABLE users ADD COLUMN name varchar(50);

-- add index ix_users_name on users (name)
-- REVIEW: builds index ix_users_name without CONCURRENTLY: writes to users wait until it is built; for a big table use CREATE INDEX CONCURRENTLY in a script that runs outside a transaction
CREATE INDEX ix_users_name ON users (name);
