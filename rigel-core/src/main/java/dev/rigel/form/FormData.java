package dev.rigel.form;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A decoded form body ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}):
 * text fields and uploaded files, each by name, repeated names keeping every value in order.
 * Take it as a handler's {@code data} parameter, or call {@code request.form()}.
 */
public final class FormData {

    private static final FormData EMPTY = new FormData(Map.of(), Map.of());

    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadFile>> files;

    public FormData(Map<String, List<String>> fields, Map<String, List<UploadFile>> files) {
        this.fields = copy(fields);
        this.files = copy(files);
    }

    public static FormData empty() {
        return EMPTY;
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> values) {
        Map<String, List<T>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    /** The first value of text field {@code name}, or null. */
    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of text field {@code name}, in order; empty when absent. */
    public List<String> getAll(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The first file sent under {@code name}, or null. */
    public UploadFile file(String name) {
        List<UploadFile> values = files.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every file sent under {@code name}, in order. */
    public List<UploadFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    /** Every file of the form, in the order they arrived. */
    public List<UploadFile> files() {
        return files.values().stream().flatMap(List::stream).toList();
    }

    /** Text fields by name. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** Files by field name. */
    public Map<String, List<UploadFile>> filesByName() {
        return files;
    }

    /** Whether a text field or a file was sent under {@code name}. */
    public boolean contains(String name) {
        return fields.containsKey(name) || files.containsKey(name);
    }

    /** The names of every field and file. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(fields.keySet());
        names.addAll(files.keySet());
        return names;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && files.isEmpty();
    }

    @Override
    public String toString() {
        return "FormData[fields=" + fields.keySet() + ", files=" + files.keySet() + "]";
    }
}
