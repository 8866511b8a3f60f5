-- ===== upgrade
-- add table a (2 columns)
CREATE TABLE a (
    id integer NOT NULL,
    b_id integer,
    CONSTRAINT pk_a PRIMARY KEY (id)
);

-- add table b (2 columns)
CREATE TABLE b (
    id integer NOT NULL,
    a_id integer,
    CONSTRAINT pk_b PRIMARY KEY (id),
    CONSTRAINT fk_b_a_id_a FOREIGN KEY (a_id) REFERENCES a (id)
);

-- add foreign key fk_a_b_id_b on a (b_id) -> b (id)
ALTER TABLE a ADD CONSTRAINT fk_a_b_id_b FOREIGN KEY (b_id) REFERENCES b (id);

-- ===== downgrade
-- drop foreign key fk_a_b_id_b on a (b_id) -> b (id)
ALTER TABLE a DROP CONSTRAINT fk_a_b_id_b;

-- drop table b
-- REVIEW: drops table b with all its rows
DROP TABLE b;

-- drop table a
-- REVIEW: drops table a with all its rows
DROP TABLE a;
