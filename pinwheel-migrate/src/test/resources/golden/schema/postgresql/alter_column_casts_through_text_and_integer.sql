-- ===== upgrade
-- alter column users.active: type boolean -> smallint, default true -> 1
-- REVIEW: converts users.active from boolean to smallint: check that every value converts
ALTER TABLE users ALTER COLUMN active DROP DEFAULT;
ALTER TABLE users ALTER COLUMN active TYPE smallint USING active::integer::smallint;
ALTER TABLE users ALTER COLUMN active SET DEFAULT 1;

-- alter column users.mood: type mood -> varchar(10), default 'ok'::mood -> 'ok'::character varying
-- REVIEW: converts users.mood from mood to varchar(10): check that every value converts
ALTER TABLE users ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE users ALTER COLUMN mood TYPE varchar(10) USING mood::text::varchar(10);
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ok'::character varying;

-- ===== downgrade
-- alter column users.mood: type varchar(10) -> mood, default 'ok'::character varying -> 'ok'::mood
-- REVIEW: converts users.mood from varchar(10) to mood: check that every value converts
ALTER TABLE users ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE users ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ok'::mood;

-- alter column users.active: type smallint -> boolean, default 1 -> true
-- REVIEW: converts users.active from smallint to boolean: check that every value converts
ALTER TABLE users ALTER COLUMN active DROP DEFAULT;
ALTER TABLE users ALTER COLUMN active TYPE boolean USING active::integer::boolean;
ALTER TABLE users ALTER COLUMN active SET DEFAULT true;
