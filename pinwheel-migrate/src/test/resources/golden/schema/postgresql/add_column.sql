-- ===== upgrade
-- add column users.nickname varchar(30) NULL
ALTER TABLE users ADD COLUMN nickname varchar(30);

-- ===== downgrade
-- drop column users.nickname
-- REVIEW: drops column users.nickname and its data
ALTER TABLE users DROP COLUMN nickname;
