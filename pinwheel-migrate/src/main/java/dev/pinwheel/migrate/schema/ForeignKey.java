package dev.pinwheel.migrate.schema;

import java.util.List;
import java.util.Optional;

/** A foreign key from {@code columns} of its table to {@code referredColumns} of {@code referredTable}. */
public record ForeignKey(Optional<String> name, List<String> columns, String referredTable,
                         List<String> referredColumns, ReferentialAction onDelete, ReferentialAction onUpdate) {

    public ForeignKey {
        Invalid.optionalName(name, "foreign key name");
        columns = Invalid.names(columns, "foreign key columns", false);
        Invalid.name(referredTable, "referred table");
        referredColumns = Invalid.names(referredColumns, "referred columns", false);
        Invalid.check(columns.size() == referredColumns.size(), "foreign key " + columns + " refers to "
                + referredColumns.size() + " columns of " + referredTable + " but has " + columns.size());
        Invalid.check(onDelete != null && onUpdate != null, "foreign key actions must not be null");
    }

    /** NO ACTION on delete and update. */
    public static ForeignKey of(String name, List<String> columns, String referredTable, List<String> referredColumns) {
        return new ForeignKey(Optional.ofNullable(name), columns, referredTable, referredColumns,
                ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION);
    }

    /** Whether this key, declared on {@code ownTable}, refers from or to {@code table.column}. */
    public boolean runsOver(String ownTable, String table, String column) {
        return ownTable.equals(table) && columns.contains(column)
                || referredTable.equals(table) && referredColumns.contains(column);
    }

    public ForeignKey withName(String newName) {
        return new ForeignKey(Optional.ofNullable(newName), columns, referredTable, referredColumns, onDelete, onUpdate);
    }

    public ForeignKey withActions(ReferentialAction delete, ReferentialAction update) {
        return new ForeignKey(name, columns, referredTable, referredColumns, delete, update);
    }

    ForeignKey withColumns(List<String> newColumns) {
        return new ForeignKey(name, newColumns, referredTable, referredColumns, onDelete, onUpdate);
    }

    ForeignKey withReferred(String table, List<String> newReferredColumns) {
        return new ForeignKey(name, columns, table, newReferredColumns, onDelete, onUpdate);
    }
}
