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
CREATE INDEX ix_users_name ON users (name);
