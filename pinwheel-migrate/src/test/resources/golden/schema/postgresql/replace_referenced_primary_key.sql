-- ===== upgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- drop primary key pk_users on users (id)
ALTER TABLE users DROP CONSTRAINT pk_users;

-- add primary key users_pkey on users (id)
-- REVIEW: adding the primary key builds a unique index while writes to users wait
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

-- ===== downgrade
-- drop foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- drop primary key users_pkey on users (id)
ALTER TABLE users DROP CONSTRAINT users_pkey;

-- add primary key pk_users on users (id)
-- REVIEW: adding the primary key builds a unique index while writes to users wait
ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);

-- add foreign key fk_orders_user_id_users on orders (user_id) -> users (id) ON DELETE CASCADE
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
