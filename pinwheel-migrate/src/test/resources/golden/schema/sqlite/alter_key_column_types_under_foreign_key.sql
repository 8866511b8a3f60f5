-- ===== upgrade
-- alter column users.id: type integer -> bigint
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id bigint NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(50),
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _pinwheel_tmp_users (id, email, name, active) SELECT id, email, name, active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);

-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
-- alter column orders.user_id: type integer -> bigint
-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
-- REVIEW: SQLite cannot ALTER this in place: table orders is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_orders (
    id integer NOT NULL,
    user_id bigint NOT NULL,
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

-- ===== downgrade
-- alter column users.id: type bigint -> integer
-- REVIEW: narrows users.id from bigint to integer: check that every existing value fits
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(50),
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _pinwheel_tmp_users (id, email, name, active) SELECT id, email, name, active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);

-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
-- alter column orders.user_id: type bigint -> integer
-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
-- REVIEW: narrows orders.user_id from bigint to integer: check that every existing value fits
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
