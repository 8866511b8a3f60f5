-- ===== upgrade
-- alter column users.name: set comment
COMMENT ON COLUMN users.name IS 'display name';

-- set comment of table users
COMMENT ON TABLE users IS 'people who log in';

-- ===== downgrade
-- remove comment of table users
COMMENT ON TABLE users IS NULL;

-- alter column users.name: remove comment
COMMENT ON COLUMN users.name IS NULL;
