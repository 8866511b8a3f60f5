-- ===== upgrade
-- alter column users.name: type varchar(50) -> varchar(20)
-- REVIEW: narrows users.name from varchar(50) to varchar(20): check that every existing value fits
-- REVIEW: SQLite cannot ALTER this in place: table users is rebuilt (new table, rows copied, old table dropped, new one renamed, indexes restored); triggers and views on it are not restored, and foreign key enforcement must be off while it runs (it is on pinwheel's connections)
CREATE TABLE _pinwheel_tmp_users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name varchar(20),
    active boolean NOT NULL DEFAULT true,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _pinwheel_tmp_users (id, email, name, active) SELECT id, email, name, active FROM users;
DROP TABLE users;
ALTER TABLE _pinwheel_tmp_users RENAME TO users;
CREATE INDEX ix_users_name ON users (name);

-- ===== downgrade
-- alter column users.name: type varchar(20) -> varchar(50)
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
