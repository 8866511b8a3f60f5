-- ===== upgrade
-- add column users.tenant integer NOT NULL
-- REVIEW: adds NOT NULL column users.tenant without a default: the copy fails if the table has rows; add a server default or fill it in steps
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(50),
    active boolean NOT NULL DEFAULT true,
    tenant integer NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _pinwheel_tmp_users (id, email, name, active) SELECT id, email, name, active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);

-- ===== downgrade
-- drop column users.tenant
-- REVIEW: drops column users.tenant and its data
ALTER TABLE users DROP COLUMN tenant;
