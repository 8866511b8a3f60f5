-- ===== upgrade
-- change values of enum type mood (sad, ok, meh, happy) -> (sad, ok, happy), removing 'meh'
-- REVIEW: removes 'meh' from enum type mood: rows holding them make this fail; UPDATE them first
ALTER TYPE mood RENAME TO mood_old;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TABLE days DROP CONSTRAINT fk_days_mood_moods;
ALTER TABLE days ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE moods ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE days ADD CONSTRAINT fk_days_mood_moods FOREIGN KEY (mood) REFERENCES moods (mood);
DROP TYPE mood_old;

-- ===== downgrade
-- add value 'meh' to enum type mood
-- REVIEW: a value added with ALTER TYPE ... ADD VALUE cannot be used before this transaction commits
ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';
