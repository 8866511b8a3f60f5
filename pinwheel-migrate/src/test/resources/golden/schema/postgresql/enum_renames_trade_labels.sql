-- ===== upgrade
-- rename values 'sad' to 'glad', 'ok' to 'happy', 'happy' to 'ok' of enum type mood
-- REVIEW: proposed as a rename, not a drop and an add: enum type mood keeps its number of values and changes 'sad' to 'glad' at position 1, 'ok' to 'happy' at position 2, 'happy' to 'ok' at position 3; rows holding the old value will read the new one. If these are different things, replace it by a drop and an add
ALTER TYPE mood RENAME VALUE 'sad' TO '_pinwheel_tmp_1';
ALTER TYPE mood RENAME VALUE 'ok' TO '_pinwheel_tmp_2';
ALTER TYPE mood RENAME VALUE 'happy' TO '_pinwheel_tmp_3';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_1' TO 'glad';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_2' TO 'happy';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_3' TO 'ok';

-- ===== downgrade
-- rename values 'glad' to 'sad', 'happy' to 'ok', 'ok' to 'happy' of enum type mood
-- REVIEW: proposed as a rename, not a drop and an add: enum type mood keeps its number of values and changes 'glad' to 'sad' at position 1, 'happy' to 'ok' at position 2, 'ok' to 'happy' at position 3; rows holding the old value will read the new one. If these are different things, replace it by a drop and an add
ALTER TYPE mood RENAME VALUE 'glad' TO '_pinwheel_tmp_1';
ALTER TYPE mood RENAME VALUE 'happy' TO '_pinwheel_tmp_2';
ALTER TYPE mood RENAME VALUE 'ok' TO '_pinwheel_tmp_3';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_1' TO 'sad';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_2' TO 'ok';
ALTER TYPE mood RENAME VALUE '_pinwheel_tmp_3' TO 'happy';
