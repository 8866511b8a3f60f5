-- ===== upgrade
-- alter column users.name: type varchar(50) -> varchar(100)
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);

-- ===== downgrade
-- alter column users.name: type varchar(100) -> varchar(50)
-- REVIEW: narrows users.name from varchar(100) to varchar(50): check that every existing value fits
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
