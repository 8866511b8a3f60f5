-- ===== upgrade
-- add table users (4 columns)
CREATE TABLE users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(50),
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
CREATE INDEX ix_users_name ON users (name);

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

-- ===== downgrade
-- drop table orders
-- REVIEW: drops table orders with all its rows
DROP TABLE orders;

-- drop table users
-- REVIEW: drops table users with all its rows
DROP TABLE users;
