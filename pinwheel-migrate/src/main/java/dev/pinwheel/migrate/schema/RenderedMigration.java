package dev.pinwheel.migrate.schema;

/** The SQL of a draft revision: the upgrade part and the downgrade part (its reverse), both empty when nothing changes. */
public record RenderedMigration(String upgradeSql, String downgradeSql) {

    public RenderedMigration {
        Invalid.check(upgradeSql != null && downgradeSql != null, "rendered SQL must not be null");
    }

    public boolean isEmpty() {
        return upgradeSql.isEmpty() && downgradeSql.isEmpty();
    }
}
