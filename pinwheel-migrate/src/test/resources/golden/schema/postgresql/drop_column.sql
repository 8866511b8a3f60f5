-- ===== upgrade
-- drop column orders.note
-- REVIEW: drops column orders.note and its data
ALTER TABLE orders DROP COLUMN note;

-- ===== downgrade
-- add column orders.note text NULL
ALTER TABLE orders ADD COLUMN note text;
