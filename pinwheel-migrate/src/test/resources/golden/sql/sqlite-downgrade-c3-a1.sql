-- Running downgrade c3 -> b2, make c3

BEGIN;

DROP TRIGGER users_audit;

DROP TABLE audit;

UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'c3';

INSERT INTO pinwheel_history (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success) VALUES ('c3', 'downgrade', 'ea3496baf104652b9178c3390c3a160008b8c20800c558f2e5a2d7ce7036af1f', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'tester', '0.0-test', 1);

COMMIT;

-- Running downgrade b2 -> a1, make b2

BEGIN;

DELETE FROM users;

ALTER TABLE users DROP COLUMN email;

UPDATE alembic_version SET version_num='a1' WHERE alembic_version.version_num = 'b2';

INSERT INTO pinwheel_history (revision, direction, checksum, started_at, finished_at, duration_ms, applied_by, tool_version, success) VALUES ('b2', 'downgrade', '2072f179a7a1c404ce2c2e6330797a3ce9faddd7dc53821d9478cecbffe469cd', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'tester', '0.0-test', 1);

COMMIT;

