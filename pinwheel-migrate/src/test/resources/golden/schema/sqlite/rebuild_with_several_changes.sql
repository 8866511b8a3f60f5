-- ===== upgrade
-- rename column users.email to email_address
-- alter column users.name: type varchar(50) -> varchar(80), set NOT NULL, default none -> ''
-- add column users.tenant integer NOT NULL DEFAULT 1
-- add check constraint ck_users_tenant on users (tenant > 0)
-- REVIEW: proposed as a rename, not a drop and an add: column users.email was dropped and users.email_address added, both varchar(255) NOT NULL; no other dropped or added column of users has this shape. If these are different things, replace it by a drop and an add
-- REVIEW: sets NOT NULL on users.name: rows holding NULL get the default ''
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id integer NOT NULL,
    email_address varchar(255) NOT NULL,
    name varchar(80) NOT NULL DEFAULT '',
    active boolean NOT NULL DEFAULT true,
    tenant integer NOT NULL DEFAULT 1,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email_address),
    CONSTRAINT ck_users_tenant CHECK (tenant > 0)
);
INSERT INTO _pinwheel_tmp_users (id, email_address, name, active) SELECT id, email, COALESCE(name, ''), active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);

-- ===== downgrade
-- drop check constraint ck_users_tenant on users (tenant > 0)
-- drop column users.tenant
-- alter column users.name: type varchar(80) -> varchar(50), drop NOT NULL, default '' -> none
-- rename column users.email_address to email
-- REVIEW: drops column users.tenant and its data
-- REVIEW: narrows users.name from varchar(80) to varchar(50): check that every existing value fits
-- REVIEW: proposed as a rename, not a drop and an add: column users.email was dropped and users.email_address added, both varchar(255) NOT NULL; no other dropped or added column of users has this shape. If these are different things, replace it by a drop and an add
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(50),
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _pinwheel_tmp_users (id, email, name, active) SELECT id, email_address, name, active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);
