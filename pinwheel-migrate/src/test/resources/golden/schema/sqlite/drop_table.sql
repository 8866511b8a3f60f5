-- ===== upgrade
-- drop table orders
-- REVIEW: drops table orders with all its rows
DROP TABLE orders;

-- ===== downgrade
-- add table orders (4 columns)
CREATE TABLE orders (
    id integer NOT NULL,
    user_id integer NOT NULL,
    total numeric(10,2) NOT NULL DEFAULT 0,
    note text,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT ck_orders_total_positive CHECK (total >= 0),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_orders_user_id ON orders (user_id);
