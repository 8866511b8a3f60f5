-- ===== upgrade
-- add table order (2 columns)
CREATE TABLE "order" (
    "user" text,
    "Group" text
);
CREATE INDEX ix_order_user ON "order" ("user");

-- ===== downgrade
-- drop table order
-- REVIEW: drops table order with all its rows
DROP TABLE "order";
