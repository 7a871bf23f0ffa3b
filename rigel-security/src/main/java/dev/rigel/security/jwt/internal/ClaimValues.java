package dev.rigel.security.jwt.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claim values as JSON holds them: strings, numbers, booleans, null, lists and string-keyed maps of
 * those. A token's claims are copied through here so that a token is deeply immutable and can be
 * shared between requests (and cached), and so that a value JSON cannot carry fails when it is
 * set rather than when the token is signed.
 */
public final class ClaimValues {

    private ClaimValues() {}

    /**
     * An immutable deep copy of {@code value}, with lists and maps made unmodifiable (nulls kept, as
     * JSON has them); other collections become lists.
     *
     * @throws IllegalArgumentException for a value JSON cannot hold (an object, a non-finite
     *     number, a map with non-string keys)
     */
    public static Object copy(Object value, String claim) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return copyNumber(number, claim);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(
                            "claim '" + claim + "' holds a map whose keys are not all strings");
                }
                copy.put(key, copy(entry.getValue(), claim));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object element : collection) {
                copy.add(copy(element, claim));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Object[] array) {
            return copy(Arrays.asList(array), claim);
        }
        throw new IllegalArgumentException("claim '" + claim + "' holds a "
                + value.getClass().getName() + ", which JSON cannot carry: use a string, number, boolean, list or map");
    }

    private static Number copyNumber(Number number, String claim) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException("claim '" + claim + "' is not a finite number");
        }
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof Long
                || number instanceof Double
                || number instanceof Float
                || number instanceof BigInteger
                || number instanceof BigDecimal) {
            return number;
        }
        // a mutable or unknown Number (AtomicLong, a parser's lazy number): keep its value only
        return new BigDecimal(number.toString());
    }
}
