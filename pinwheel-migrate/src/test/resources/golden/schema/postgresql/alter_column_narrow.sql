-- ===== upgrade
-- alter column users.name: type varchar(50) -> varchar(20)
-- REVIEW: narrows users.name from varchar(50) to varchar(20): check that every existing value fits
ALTER TABLE users ALTER COLUMN name TYPE varchar(20);

-- ===== downgrade
-- alter column users.name: type varchar(20) -> varchar(50)
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
