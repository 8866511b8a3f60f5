-- ===== upgrade
-- alter column orders.id: identity none -> serial
CREATE SEQUENCE IF NOT EXISTS orders_id_seq OWNED BY orders.id;
ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('orders_id_seq'::regclass);
SELECT setval(pg_get_serial_sequence('orders', 'id'), COALESCE(max(id), 0) + 1, false) FROM orders;

-- ===== downgrade
-- alter column orders.id: identity serial -> none
ALTER TABLE orders ALTER COLUMN id DROP DEFAULT;
