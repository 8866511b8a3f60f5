-- ===== upgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE SET NULL ON UPDATE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE;

-- ===== downgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE SET NULL ON UPDATE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
