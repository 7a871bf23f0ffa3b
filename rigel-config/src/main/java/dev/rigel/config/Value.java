package dev.rigel.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A setting's value as one source gave it, and where from.
 *
 * @param node the value: a YAML node from a file, or text from a variable, flag or default
 * @param origin where it came from, as a person reads it: {@code environment variable PORT},
 *     {@code flag --port}, {@code /srv/app/application.yaml}, {@code default}
 */
record Value(JsonNode node, String origin) {}
