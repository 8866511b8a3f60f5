-- ===== upgrade
-- rename table orders to purchases
-- REVIEW: proposed as a rename, not a drop and an add: table orders was dropped and purchases added with the same 4 columns (id, user_id, total, note) and the same 4 constraints and indexes; no other dropped or added table has this shape. If these are different things, replace it by a drop and an add
ALTER TABLE orders RENAME TO purchases;

-- ===== downgrade
-- rename table purchases to orders
-- REVIEW: proposed as a rename, not a drop and an add: table orders was dropped and purchases added with the same 4 columns (id, user_id, total, note) and the same 4 constraints and indexes; no other dropped or added table has this shape. If these are different things, replace it by a drop and an add
ALTER TABLE purchases RENAME TO orders;
