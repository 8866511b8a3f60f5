-- ===== upgrade
-- drop check constraint ck_orders_total_positive on orders (total >= 0)
ALTER TABLE orders DROP CONSTRAINT ck_orders_total_positive;

-- ===== downgrade
-- add check constraint ck_orders_total_positive on orders (total >= 0)
ALTER TABLE orders ADD CONSTRAINT ck_orders_total_positive CHECK (total >= 0);
