package dev.rigel.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.hibernate.dialect.Database;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DatabaseMetaDataDialectResolutionInfoAdapter;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.exception.spi.ViolatedConstraintNameExtractor;

/**
 * Reads the name of the violated constraint from a driver's exception, with the extractor of the
 * database's Hibernate dialect (each database words its errors its own way), and puts it in one
 * form: H2's {@code PUBLIC.UK_USERS_EMAIL INDEX PUBLIC.UK_USERS_EMAIL_INDEX_3} and PostgreSQL's
 * {@code uk_users_email} both become {@code uk_users_email}.
 */
public final class ConstraintNames {

    private final ViolatedConstraintNameExtractor extractor;

    public ConstraintNames(ViolatedConstraintNameExtractor extractor) {
        this.extractor = extractor;
    }

    /** The reader for the database behind {@code connection}; null if Hibernate knows no dialect for it. */
    public static ConstraintNames of(Connection connection) throws SQLException {
        DialectResolutionInfo info = new DatabaseMetaDataDialectResolutionInfoAdapter(connection.getMetaData());
        for (Database database : Database.values()) {
            if (database.matchesResolutionInfo(info)) {
                Dialect dialect = database.createDialect(info);
                return dialect == null ? null : new ConstraintNames(dialect.getViolatedConstraintNameExtractor());
            }
        }
        return null;
    }

    public String extract(SQLException exception) {
        try {
            return normalise(extractor.extractConstraintName(exception));
        } catch (RuntimeException e) {
            // an error message in an unexpected shape: report the violation without a name
            return null;
        }
    }

    /**
     * The bare constraint name: no schema, no trailing index description, no quotes; lower case
     * when the database folded an unquoted name to upper case.
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        int space = name.indexOf(' ');
        if (space > 0) {
            name = name.substring(0, space);
        }
        name = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
        if (name.isEmpty()) {
            return null;
        }
        return name.equals(name.toUpperCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
    }
}
