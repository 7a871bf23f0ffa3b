package dev.rigel.dto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a DTO shapes its model (Litestar's {@code DTOConfig}). Field paths are Java field names,
 * dotted into nested models ({@code address.street}) and into collections of them
 * ({@code items.sku}, or Litestar's {@code items.0.sku}). Every path must name a real field: a
 * typo fails the app's startup rather than silently leaking a field.
 *
 * <pre>{@code
 * DTOConfig.builder().exclude("passwordHash", "address.internalCode").renameStrategy(RenameStrategy.CAMEL).build()
 * }</pre>
 *
 * Instances are immutable.
 */
public final class DTOConfig {

    private static final DTOConfig DEFAULTS = builder().build();

    private final Set<String> exclude;
    private final Set<String> include;
    private final Map<String, String> renameFields;
    private final RenameStrategy renameStrategy;
    private final boolean partial;
    private final int maxNestedDepth;
    private final boolean forbidUnknownFields;

    private DTOConfig(Builder builder) {
        this.exclude = Collections.unmodifiableSet(new LinkedHashSet<>(builder.exclude));
        this.include = Collections.unmodifiableSet(new LinkedHashSet<>(builder.include));
        this.renameFields = Collections.unmodifiableMap(new LinkedHashMap<>(builder.renameFields));
        this.renameStrategy = builder.renameStrategy;
        this.partial = builder.partial;
        this.maxNestedDepth = builder.maxNestedDepth;
        this.forbidUnknownFields = builder.forbidUnknownFields;
    }

    /** Every field, both ways, names as the app's JSON naming strategy gives them. */
    public static DTOConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Field paths left out; empty when none (or when {@link #include()} is used instead). */
    public Set<String> exclude() {
        return exclude;
    }

    /** The only field paths transferred; empty means every field. */
    public Set<String> include() {
        return include;
    }

    /** Explicit wire names by field path; they beat {@link #renameStrategy()}. */
    public Map<String, String> renameFields() {
        return renameFields;
    }

    /** The strategy for wire names, or null to use the app's JSON naming strategy. */
    public RenameStrategy renameStrategy() {
        return renameStrategy;
    }

    /** Whether every field is optional on input (PATCH): only the fields sent are written. */
    public boolean partial() {
        return partial;
    }

    /** How deep nested models are followed: 0 keeps only the model's own fields; default 1. */
    public int maxNestedDepth() {
        return maxNestedDepth;
    }

    /** Whether input naming a field the DTO does not accept is refused (400 naming the field). */
    public boolean forbidUnknownFields() {
        return forbidUnknownFields;
    }

    @Override
    public String toString() {
        return "DTOConfig[exclude=" + exclude + ", include=" + include + ", renameFields=" + renameFields
                + ", renameStrategy=" + (renameStrategy == null ? "app" : renameStrategy) + ", partial=" + partial
                + ", maxNestedDepth=" + maxNestedDepth + ", forbidUnknownFields=" + forbidUnknownFields + "]";
    }

    /** Builds a {@link DTOConfig}. */
    public static final class Builder {
        private final Set<String> exclude = new LinkedHashSet<>();
        private final Set<String> include = new LinkedHashSet<>();
        private final Map<String, String> renameFields = new LinkedHashMap<>();
        private RenameStrategy renameStrategy;
        private boolean partial;
        private int maxNestedDepth = 1;
        private boolean forbidUnknownFields;

        private Builder() {}

        /** Leaves these field paths out, both ways. Cannot be combined with {@link #include}. */
        public Builder exclude(String... paths) {
            for (String path : paths) {
                exclude.add(checkedPath(path));
            }
            return this;
        }

        /**
         * Transfers only these field paths. {@code address.street} keeps {@code address} with only
         * its street; {@code address} keeps all of it. Cannot be combined with {@link #exclude}.
         */
        public Builder include(String... paths) {
            for (String path : paths) {
                include.add(checkedPath(path));
            }
            return this;
        }

        /** Sends and reads the field at {@code path} as {@code wireName}. */
        public Builder rename(String path, String wireName) {
            if (wireName == null || wireName.isEmpty()) {
                throw new IllegalArgumentException("DTOConfig: the new name of '" + path + "' must not be empty");
            }
            renameFields.put(checkedPath(path), wireName);
            return this;
        }

        /** {@link #rename} for each entry. */
        public Builder renameFields(Map<String, String> wireNames) {
            wireNames.forEach(this::rename);
            return this;
        }

        /** Names every field (nested ones too) by {@code strategy}, instead of the app's naming. */
        public Builder renameStrategy(RenameStrategy strategy) {
            this.renameStrategy = Objects.requireNonNull(strategy, "renameStrategy");
            return this;
        }

        public Builder partial(boolean isPartial) {
            this.partial = isPartial;
            return this;
        }

        public Builder maxNestedDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("DTOConfig: maxNestedDepth must be 0 or more, got " + depth);
            }
            this.maxNestedDepth = depth;
            return this;
        }

        public Builder forbidUnknownFields(boolean forbid) {
            this.forbidUnknownFields = forbid;
            return this;
        }

        public DTOConfig build() {
            if (!include.isEmpty() && !exclude.isEmpty()) {
                throw new IllegalArgumentException("DTOConfig: include " + include + " and exclude " + exclude
                        + " cannot be combined; list the fields to keep or the fields to drop, not both");
            }
            return new DTOConfig(this);
        }

        private static String checkedPath(String path) {
            if (path == null || path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw new IllegalArgumentException("DTOConfig: '" + path + "' is not a field path"
                        + " (field names joined by dots, e.g. address.street)");
            }
            return path;
        }
    }
}
