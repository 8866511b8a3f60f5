-- ===== upgrade
-- rename column orders.note to remark
-- REVIEW: proposed as a rename, not a drop and an add: column orders.note was dropped and orders.remark added, both text NULL; no other dropped or added column of orders has this shape. If these are different things, replace it by a drop and an add
ALTER TABLE orders RENAME COLUMN note TO remark;

-- ===== downgrade
-- rename column orders.remark to note
-- REVIEW: proposed as a rename, not a drop and an add: column orders.note was dropped and orders.remark added, both text NULL; no other dropped or added column of orders has this shape. If these are different things, replace it by a drop and an add
ALTER TABLE orders RENAME COLUMN remark TO note;
