-- ===== upgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- alter column orders.user_id: type integer -> bigint
ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;

-- alter column users.id: type integer -> bigint
ALTER TABLE users ALTER COLUMN id TYPE bigint;

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

-- ===== downgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- alter column users.id: type bigint -> integer
-- REVIEW: narrows users.id from bigint to integer: check that every existing value fits
ALTER TABLE users ALTER COLUMN id TYPE integer;

-- alter column orders.user_id: type bigint -> integer
-- REVIEW: narrows orders.user_id from bigint to integer: check that every existing value fits
ALTER TABLE orders ALTER COLUMN user_id TYPE integer;

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
