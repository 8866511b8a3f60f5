-- ===== upgrade
-- add table events (3 columns)
CREATE TABLE events (
    id bigserial NOT NULL,
    seq integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

-- ===== downgrade
-- drop table events
-- REVIEW: drops table events with all its rows
DROP TABLE events;
