-- ===== upgrade
-- add unique index ix_users_active_email on users (email) WHERE active
CREATE UNIQUE INDEX ix_users_active_email ON users (email) WHERE active;

-- add index ix_users_lower_name on users (lower(name))
CREATE INDEX ix_users_lower_name ON users ((lower(name)));

-- add index ix_users_name on users (name)
CREATE INDEX ix_users_name ON users (name);

-- ===== downgrade
-- drop index ix_users_name on users (name)
DROP INDEX ix_users_name;

-- drop index ix_users_lower_name on users (lower(name))
DROP INDEX ix_users_lower_name;

-- drop unique index ix_users_active_email on users (email) WHERE active
DROP INDEX ix_users_active_email;
