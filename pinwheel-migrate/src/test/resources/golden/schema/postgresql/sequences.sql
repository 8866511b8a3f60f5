-- ===== upgrade
-- add sequence invoice_no
CREATE SEQUENCE invoice_no AS bigint START WITH 1000 INCREMENT BY 1;

-- ===== downgrade
-- drop sequence invoice_no
-- REVIEW: drops sequence invoice_no and its current value
DROP SEQUENCE invoice_no;
