-- ===== upgrade
-- add column users.score integer NOT NULL DEFAULT 0
ALTER TABLE users ADD COLUMN score integer NOT NULL DEFAULT 0;

-- ===== downgrade
-- drop column users.score
-- REVIEW: drops column users.score and its data
ALTER TABLE users DROP COLUMN score;
