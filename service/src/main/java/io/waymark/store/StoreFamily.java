package io.waymark.store;

/** The two kinds of store implementation every feature provides. */
public enum StoreFamily {
    /** SQLite and PostgreSQL, through JDBC and Flyway. */
    JDBC,
    /** MongoDB (and Amazon DocumentDB), through the MongoDB driver. */
    MONGO
}
