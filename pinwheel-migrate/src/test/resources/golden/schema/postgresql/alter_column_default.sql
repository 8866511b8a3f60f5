-- ===== upgrade
-- alter column users.active: default true -> false
ALTER TABLE users ALTER COLUMN active SET DEFAULT false;

-- ===== downgrade
-- alter column users.active: default false -> true
ALTER TABLE users ALTER COLUMN active SET DEFAULT true;
