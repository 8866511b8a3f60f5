-- ===== upgrade
-- alter column users.name: set NOT NULL, default none -> 'anonymous'
-- REVIEW: sets NOT NULL on users.name: fails if a row holds NULL (the default 'anonymous' does not fill existing rows; UPDATE them first)
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';

-- ===== downgrade
-- alter column users.name: drop NOT NULL, default 'anonymous' -> none
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
