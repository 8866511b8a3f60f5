-- ===== upgrade
-- add primary key pk_orders on orders (id)
-- REVIEW: adding the primary key builds a unique index while writes to orders wait
ALTER TABLE orders ADD CONSTRAINT pk_orders PRIMARY KEY (id);

-- ===== downgrade
-- drop primary key pk_orders on orders (id)
ALTER TABLE orders DROP CONSTRAINT pk_orders;
