package dev.rigel.jpa;

import org.hibernate.tool.schema.Action;

/** What the {@link JpaPlugin} does to the database schema at startup. */
public enum SchemaAction {

    /** Nothing: the schema is managed elsewhere (migrations). The default. */
    NONE(Action.NONE),

    /** Checks that the tables and columns the entities need exist, failing startup if not. */
    VALIDATE(Action.VALIDATE),

    /**
     * Creates what is missing and keeps existing data (Litestar's {@code create_all}): missing
     * tables, and missing columns of existing tables (Hibernate's {@code update}; nothing is dropped
     * or altered).
     */
    CREATE_ALL(Action.UPDATE),

    /** Drops the entities' tables and creates them afresh at startup: every start has an empty schema (tests). */
    DROP_AND_CREATE(Action.CREATE);

    private final Action hibernateAction;

    SchemaAction(Action hibernateAction) {
        this.hibernateAction = hibernateAction;
    }

    /** Hibernate's schema tooling action doing this. */
    public Action hibernateAction() {
        return hibernateAction;
    }
}
