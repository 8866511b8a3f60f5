-- ===== upgrade
-- add enum type mood (sad, ok, happy)
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- add column users.mood mood NOT NULL DEFAULT 'ok'::mood
ALTER TABLE users ADD COLUMN mood mood NOT NULL DEFAULT 'ok'::mood;

-- ===== downgrade
-- drop column users.mood
-- REVIEW: drops column users.mood and its data
ALTER TABLE users DROP COLUMN mood;

-- drop enum type mood
-- REVIEW: drops enum type mood
DROP TYPE mood;
