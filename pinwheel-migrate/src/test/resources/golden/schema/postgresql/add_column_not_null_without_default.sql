-- ===== upgrade
-- add column users.tenant integer NOT NULL
-- REVIEW: adds NOT NULL column users.tenant without a default: fails if the table has rows; add a server default or fill it in steps
ALTER TABLE users ADD COLUMN tenant integer NOT NULL;

-- ===== downgrade
-- drop column users.tenant
-- REVIEW: drops column users.tenant and its data
ALTER TABLE users DROP COLUMN tenant;
