-- ===== upgrade
-- alter column orders.note: type text -> integer
-- REVIEW: converts orders.note from text to integer: check that every value converts
ALTER TABLE orders ALTER COLUMN note TYPE integer USING note::integer;

-- ===== downgrade
-- alter column orders.note: type integer -> text
-- REVIEW: converts orders.note from integer to text: check that every value converts
ALTER TABLE orders ALTER COLUMN note TYPE text USING note::text;
