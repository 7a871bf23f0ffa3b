package dev.rigel.config;

import dev.rigel.security.SecretString;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting the app's records declare, found once from their components: a nested record is a
 * group of keys ({@code server.*}), any other component is a {@link Leaf}.
 */
final class Schema {

    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final List<Leaf> bindings = new ArrayList<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();

    /**
     * @param roots each settings record with its key prefix ("" for the top level)
     * @param aliases short names per key ({@code server.port} → {@code [port]}), each a flag and a variable
     */
    public Schema(Map<Class<? extends Record>, String> roots, Map<String, List<String>> aliases) {
        roots.forEach((type, prefix) -> {
            if (!prefix.isEmpty()) {
                addGroup(prefix);
            }
            walk(type, type, prefix, List.of(), new LinkedHashSet<>());
        });
        aliases.forEach((key, names) -> {
            String canonical = Keys.canonical(key);
            if (!leaves.containsKey(canonical)) {
                throw new IllegalArgumentException("alias for an unknown setting: " + key);
            }
            this.aliases.computeIfAbsent(canonical, k -> new ArrayList<>()).addAll(names);
        });
    }

    private void addGroup(String prefix) {
        String[] parts = prefix.split("\\.");
        StringBuilder group = new StringBuilder();
        for (String part : parts) {
            if (group.length() > 0) {
                group.append('.');
            }
            group.append(part);
            groups.add(group.toString());
        }
    }

    private void walk(Class<?> root, Class<?> type, String prefix, List<String> javaPath, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            throw new IllegalArgumentException("settings record " + type.getName() + " contains itself");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String key = (prefix.isEmpty() ? "" : prefix + ".") + Keys.canonicalSegment(component.getName());
            List<String> path = new ArrayList<>(javaPath);
            path.add(component.getName());
            if (component.getType().isRecord() && component.getType() != SecretString.class) {
                groups.add(key);
                walk(root, component.getType(), key, path, seen);
                continue;
            }
            Default defaultValue = component.getAnnotation(Default.class);
            Description description = component.getAnnotation(Description.class);
            // a file's location is not its content: tls-private-key names a path, it is no secret
            boolean secret = component.getType() == SecretString.class
                    || (Keys.secretByName(key) && component.getType() != java.nio.file.Path.class);
            Leaf leaf = new Leaf(
                    key,
                    root,
                    List.copyOf(path),
                    component.getGenericType(),
                    defaultValue == null ? null : defaultValue.value(),
                    description == null ? "" : description.value(),
                    secret);
            bindings.add(leaf);
            Leaf first = leaves.putIfAbsent(key, leaf);
            // two records may share a key (an app's record holding ServerSettings, which the CLI binds
            // too), as long as they read it the same way
            if (first != null && !first.type().equals(leaf.type())) {
                throw new IllegalArgumentException("two settings records declare " + key + " with different types: "
                        + first.root().getName() + " and " + root.getName());
            }
        }
        seen.remove(type);
    }

    public Map<String, Leaf> leaves() {
        return Collections.unmodifiableMap(leaves);
    }

    /** Every place a value is bound: one per key and record that declares it. */
    public List<Leaf> bindings() {
        return Collections.unmodifiableList(bindings);
    }

    public Leaf leaf(String key) {
        return leaves.get(key);
    }

    /** Whether a key names a group of settings (a nested record), e.g. {@code server}. */
    public boolean isGroup(String key) {
        return groups.contains(key);
    }

    /** The variables that set a key: its own and its aliases'. */
    public List<String> environmentVariables(String key) {
        List<String> names = new ArrayList<>();
        names.add(Keys.environmentVariable(key));
        for (String alias : aliases.getOrDefault(key, List.of())) {
            names.add(Keys.environmentVariable(alias));
        }
        return names;
    }

    /** The flags that set a key: its own and its aliases'. */
    public List<String> flags(String key) {
        List<String> names = new ArrayList<>();
        names.add(Keys.flag(key));
        for (String alias : aliases.getOrDefault(key, List.of())) {
            names.add(Keys.flag(alias));
        }
        return names;
    }

    /** The key a flag name (without its dashes, canonicalised) sets, or null. */
    public String keyForFlag(String name) {
        String canonical = Keys.canonical(name);
        if (leaves.containsKey(canonical)) {
            return canonical;
        }
        for (Map.Entry<String, List<String>> alias : aliases.entrySet()) {
            for (String a : alias.getValue()) {
                if (Keys.canonical(a).equals(canonical)) {
                    return alias.getKey();
                }
            }
        }
        return null;
    }

    /** The public description of every setting, in declaration order. */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        for (Leaf leaf : leaves.values()) {
            out.add(new Setting(
                    leaf.key(),
                    Types.display(leaf.type()),
                    leaf.defaultValue(),
                    leaf.description(),
                    environmentVariables(leaf.key()),
                    flags(leaf.key()),
                    leaf.secret()));
        }
        return out;
    }

    /** The known key or alias closest to a misspelt one, for "did you mean"; null if none is close. */
    public String closest(String key) {
        List<String> known = new ArrayList<>(leaves.keySet());
        aliases.values().forEach(known::addAll);
        String best = null;
        int bestDistance = Math.max(2, key.length() / 3) + 1;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
