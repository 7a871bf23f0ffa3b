package dev.rigel.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-facing words for a polymorphic value whose discriminator is missing or names no known
 * subtype: the error's key is the discriminator property itself ({@code shapes.1.kind}) and the
 * message lists the ids the server accepts, without Java class names.
 */
public final class TypeIds {

    private static final Pattern KNOWN = Pattern.compile("known type ids = \\[([^\\]]*)\\]");
    private static final Pattern MISSING = Pattern.compile("missing type id property '([^']*)'");

    private TypeIds() {}

    /** The key of the discriminator under {@code owner} (the polymorphic value's own key, maybe empty). */
    public static String key(String owner, InvalidTypeIdException e) {
        String property = property(e);
        return owner.isEmpty() ? property : owner + "." + property;
    }

    /** {@code unknown type 'hexagon'; expected one of: circle, square} or {@code missing type property}. */
    public static String message(InvalidTypeIdException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher known = KNOWN.matcher(message);
        String expected = known.find() && !known.group(1).isBlank() ? "; expected one of: " + known.group(1) : "";
        return e.getTypeId() == null
                ? "missing type property" + expected
                : "unknown type '" + e.getTypeId() + "'" + expected;
    }

    private static String property(InvalidTypeIdException e) {
        Matcher missing = MISSING.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        if (missing.find()) {
            return missing.group(1);
        }
        JavaType base = e.getBaseType();
        if (base != null) {
            for (Class<?> type : SealedTypes.ancestry(base.getRawClass())) {
                JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
                if (info != null) {
                    return info.property().isEmpty() ? info.use().getDefaultPropertyName() : info.property();
                }
            }
        }
        return SealedTypes.PROPERTY;
    }
}
