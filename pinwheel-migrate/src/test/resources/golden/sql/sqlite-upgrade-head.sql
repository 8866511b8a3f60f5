CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE pinwheel_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    revision VARCHAR(32) NOT NULL,
    direction VARCHAR(9) NOT NULL,
    checksum VARCHAR(64),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    duration_ms BIGINT NOT NULL,
    applied_by VARCHAR(255) NOT NULL,
    tool_version VARCHAR(64) NOT NULL,
    success BOOLEAN NOT NULL
);

-- Running upgrade  -> a1, make a1

BEGIN;

CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);

INSERT INTO alembic_version (version_num) VALUES ('a1');

INSERT INTO pinwheel_history (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success) VALUES ('a1', 'upgrade', '57fde4313307b5643fe3a7653f96bc46e7f020328aaff1efd9876da4bacf2bd3', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'tester', '0.0-test', 1);

COMMIT;

-- Running upgrade a1 -> b2, make b2

BEGIN;

ALTER TABLE users ADD COLUMN email TEXT;

INSERT INTO users (name, email) VALUES ('x;y', 'it''s');

UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'a1';

INSERT INTO pinwheel_history (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success) VALUES ('b2', 'upgrade', '2072f179a7a1c404ce2c2e6330797a3ce9faddd7dc53821d9478cecbffe469cd', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'tester', '0.0-test', 1);

COMMIT;

-- Running upgrade b2 -> c3, make c3

BEGIN;

CREATE TABLE audit (msg TEXT);

CREATE TRIGGER users_audit AFTER INSERT ON users
BEGIN
  INSERT INTO audit VALUES ('new user; ' || new.name);
END;

UPDATE alembic_version SET version_num='c3' WHERE alembic_version.version_num = 'b2';

INSERT INTO pinwheel_history (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success) VALUES ('c3', 'upgrade', 'ea3496baf104652b9178c3390c3a160008b8c20800c558f2e5a2d7ce7036af1f', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'tester', '0.0-test', 1);

COMMIT;

