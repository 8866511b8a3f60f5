package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetUnitsTest {

    private static final List<String> DDL = List.of(
            "CREATE TYPE mood AS ENUM ('sad', 'happy')",
            "CREATE SEQUENCE ticket_no START 100",
            "-- the people\nCREATE TABLE Person (\n\tid SERIAL NOT NULL, \n\tmood mood, \n\tCONSTRAINT pk_person PRIMARY KEY (id)\n)",
            "CREATE TABLE \"Order\" (id SERIAL PRIMARY KEY, person_id INTEGER REFERENCES person (id) ON DELETE CASCADE)",
            "CREATE INDEX ix_person_mood ON person (mood)",
            "CREATE UNIQUE INDEX CONCURRENTLY ON ONLY \"Order\" USING btree (person_id)",
            "COMMENT ON COLUMN person.mood IS 'how they feel'",
            "ALTER TABLE person ADD CONSTRAINT fk_person_order FOREIGN KEY (id) REFERENCES \"Order\" (id)");

    @Test
    void statementsGoToTheTableTheyBuildAndGlobalsComeFirst() {
        TargetUnits units = TargetUnits.of(DDL).orElseThrow();
        assertThat(units.globals()).containsExactly(DDL.get(0), DDL.get(1));
        assertThat(units.tables().keySet()).containsExactly("person", "Order");
        assertThat(units.tables().get("person").statements()).containsExactly(2, 4, 6, 7);
        assertThat(units.tables().get("Order").statements()).containsExactly(3, 5);
        assertThat(units.statementsOf(Set.of("Order"))).containsExactly(3, 5);
    }

    @Test
    void aTableFingerprintChangesWithItsOwnStatementsOnly() {
        TargetUnits before = TargetUnits.of(DDL).orElseThrow();
        List<String> changed = new java.util.ArrayList<>(DDL);
        changed.set(4, "CREATE INDEX ix_person_mood ON person (mood DESC)");
        TargetUnits after = TargetUnits.of(changed).orElseThrow();
        assertThat(after.tables().get("person").fingerprint()).isNotEqualTo(before.tables().get("person").fingerprint());
        assertThat(after.tables().get("Order").fingerprint()).isEqualTo(before.tables().get("Order").fingerprint());
        assertThat(after.globalFingerprint("server")).isEqualTo(before.globalFingerprint("server"));
        assertThat(before.globalFingerprint("server")).isNotEqualTo(before.globalFingerprint("another server"));
        changed.set(0, "CREATE TYPE mood AS ENUM ('sad', 'happy', 'bored')");
        assertThat(TargetUnits.of(changed).orElseThrow().globalFingerprint("server"))
                .isNotEqualTo(before.globalFingerprint("server"));
    }

    @Test
    void statementsThatReachBeyondTheirTableOrTheDevSchemaAreNotKept() {
        for (String other : List.of(
                "CREATE EXTENSION citext",
                "CREATE SCHEMA other",
                "CREATE TABLE public.item (id int)",
                "CREATE TABLE item (id int REFERENCES public.owner (id))",
                "CREATE TABLE item (id int REFERENCES later (id))",
                "CREATE TABLE child () INHERITS (person)",
                "CREATE TABLE item (LIKE person)",
                "CREATE TABLE part PARTITION OF person FOR VALUES IN (1)",
                "CREATE INDEX ix_elsewhere ON nowhere (id)",
                "ALTER TABLE person RENAME TO human",
                "ALTER TABLE person OWNER TO somebody",
                "ALTER SEQUENCE ticket_no OWNED BY person.id",
                "CREATE VIEW v AS SELECT 1",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "INSERT INTO person DEFAULT VALUES",
                "CREATE TYPE late AS ENUM ('a')")) {
            List<String> ddl = new java.util.ArrayList<>(DDL);
            ddl.add(other);
            assertThat(TargetUnits.of(ddl)).as(other).isEmpty();
        }
        assertThat(TargetUnits.of(List.of("CREATE TABLE a (id int)", "CREATE TABLE a (id int)"))).isEmpty();
    }

    @Test
    void aSelfReferenceAndAForeignKeyAddedAfterBothTablesAreKept() {
        assertThat(TargetUnits.of(List.of(
                "CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node (id))",
                "CREATE TABLE a (id int PRIMARY KEY, b_id int)",
                "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))",
                "ALTER TABLE a ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES b (id)"))).isPresent();
    }

    @Test
    void namesFoldLikeTheCatalog() {
        assertThat(TargetUnits.name("Person")).isEqualTo("person");
        assertThat(TargetUnits.name("\"Per\"\"son\"")).isEqualTo("Per\"son");
    }
}
