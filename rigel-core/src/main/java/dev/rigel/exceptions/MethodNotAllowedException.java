package dev.rigel.exceptions;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** 405 Method Not Allowed; carries the {@code Allow} header listing what the path does accept. */
public class MethodNotAllowedException extends ClientException {

    public MethodNotAllowedException(Set<String> allowed) {
        super(405, null, Map.of("Allow", String.join(", ", new TreeSet<>(allowed))), null);
    }

    public MethodNotAllowedException(String allowHeader) {
        super(405, null, Map.of("Allow", allowHeader), null);
    }
}
