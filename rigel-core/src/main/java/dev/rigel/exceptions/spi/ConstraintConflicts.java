package dev.rigel.exceptions.spi;

import dev.rigel.exceptions.ConflictException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The 409 a database module answers for an integrity constraint violation, one wording for all of
 * them (JDBC and JPA, the reactive PostgreSQL client): it names the constraint and its kind, in
 * {@code extra = {"constraint": …, "kind": …}}, never the SQL or the values.
 */
public final class ConstraintConflicts {

    /** What the violated constraint guards. */
    public enum Kind {
        UNIQUE,
        FOREIGN_KEY,
        NOT_NULL,
        CHECK,
        OTHER
    }

    private ConstraintConflicts() {}

    /** The kind an SQLState of class 23 stands for, as PostgreSQL and H2 report them. */
    public static Kind kindOf(String sqlState) {
        return switch (sqlState) {
            case "23505" -> Kind.UNIQUE;
            // 23503: PostgreSQL both ways, H2 when a referenced row is deleted; 23506: H2 when it is missing
            case "23503", "23506" -> Kind.FOREIGN_KEY;
            case "23502" -> Kind.NOT_NULL;
            case "23513", "23514" -> Kind.CHECK;
            default -> Kind.OTHER;
        };
    }

    /** The 409 for a violation of {@code constraint} (null when the database did not name it). */
    public static ConflictException conflict(Kind kind, String constraint) {
        Kind known = kind == null ? Kind.OTHER : kind;
        String named = constraint == null ? "" : " " + constraint;
        String detail = switch (known) {
            case UNIQUE -> "Unique constraint" + named + " violated: a row with the same value already exists";
            case FOREIGN_KEY ->
                "Foreign key constraint" + named + " violated: the referenced row does not exist,"
                        + " or this row is still referenced";
            case NOT_NULL -> "Not-null constraint" + named + " violated: a required value is missing";
            case CHECK -> "Check constraint" + named + " violated";
            case OTHER -> "Integrity constraint" + named + " violated";
        };
        Map<String, String> extra = new LinkedHashMap<>();
        if (constraint != null) {
            extra.put("constraint", constraint);
        }
        extra.put("kind", known.name().toLowerCase(Locale.ROOT));
        return new ConflictException(detail, extra);
    }
}
