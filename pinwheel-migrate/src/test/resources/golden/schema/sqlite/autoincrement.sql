-- ===== upgrade
-- add table events (2 columns)
CREATE TABLE events (
    id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    at datetime DEFAULT CURRENT_TIMESTAMP
);

-- ===== downgrade
-- drop table events
-- REVIEW: drops table events with all its rows
DROP TABLE events;
