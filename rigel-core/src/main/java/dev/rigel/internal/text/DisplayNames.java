package dev.rigel.internal.text;

/** Readable names for the objects a route is built from (middleware, guards), for listings. */
public final class DisplayNames {

    private static final int LONGEST = 60;

    private DisplayNames() {}

    /**
     * The object's own {@code toString} when its class (not a record) declares one and it fits a
     * listing's column (one line, at most {@value #LONGEST} characters); a lambda as {@code lambda
     * in SeedApp}; otherwise its class's simple name.
     */
    public static String of(Object object) {
        Class<?> type = object.getClass();
        if (declaresToString(type)) {
            String own = object.toString();
            if (own.length() <= LONGEST && own.indexOf('\n') < 0) {
                return own;
            }
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            String owner = name.substring(0, lambda);
            return "lambda in " + owner.substring(owner.lastIndexOf('.') + 1);
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? name.substring(name.lastIndexOf('.') + 1) : simple;
    }

    private static boolean declaresToString(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("toString");
                return !c.isRecord(); // a record's generated toString prints every component
            } catch (NoSuchMethodException e) {
                // keep looking up the hierarchy
            }
        }
        return false;
    }
}
