-- ===== upgrade
-- alter sequence invoice_no: type bigint -> integer, start 1 -> 1000, increment 1 -> 10
ALTER SEQUENCE invoice_no AS integer START WITH 1000 INCREMENT BY 10;

-- ===== downgrade
-- alter sequence invoice_no: type integer -> bigint, start 1000 -> 1, increment 10 -> 1
ALTER SEQUENCE invoice_no AS bigint START WITH 1 INCREMENT BY 1;
