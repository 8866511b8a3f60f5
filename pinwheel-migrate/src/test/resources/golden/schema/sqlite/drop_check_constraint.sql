-- ===== upgrade
-- drop check constraint ck_orders_total_positive on orders (total >= 0)
-- REVIEW: SQLite cannot ALTER this in place: table orders is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_orders (
    id integer NOT NULL,
    user_id integer NOT NULL,
    total numeric(10,2) NOT NULL DEFAULT 0,
    note text,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO _pinwheel_tmp_orders (id, user_id, total, note) SELECT id, user_id, total, note FROM orders;
DROP TABLE orders;
ALTER TABLE _pinwheel_tmp_orders RENAME TO orders;
CREATE INDEX ix_orders_user_id ON orders (user_id);

-- ===== downgrade
-- add check constraint ck_orders_total_positive on orders (total >= 0)
-- REVIEW: SQLite cannot ALTER this in place: table orders is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_orders (
    id integer NOT NULL,
    user_id integer NOT NULL,
    total numeric(10,2) NOT NULL DEFAULT 0,
    note text,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT ck_orders_total_positive CHECK (total >= 0),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO _pinwheel_tmp_orders (id, user_id, total, note) SELECT id, user_id, total, note FROM orders;
DROP TABLE orders;
ALTER TABLE _pinwheel_tmp_orders RENAME TO orders;
CREATE INDEX ix_orders_user_id ON orders (user_id);
