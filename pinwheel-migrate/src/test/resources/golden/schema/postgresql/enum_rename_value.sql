-- ===== upgrade
-- rename value 'ok' to 'fine' of enum type mood
-- REVIEW: proposed as a rename, not a drop and an add: enum type mood keeps its number of values and changes 'ok' to 'fine' at position 2; rows holding the old value will read the new one. If these are different things, replace it by a drop and an add
ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';

-- ===== downgrade
-- rename value 'fine' to 'ok' of enum type mood
-- REVIEW: proposed as a rename, not a drop and an add: enum type mood keeps its number of values and changes 'fine' to 'ok' at position 2; rows holding the old value will read the new one. If these are different things, replace it by a drop and an add
ALTER TYPE mood RENAME VALUE 'fine' TO 'ok';
