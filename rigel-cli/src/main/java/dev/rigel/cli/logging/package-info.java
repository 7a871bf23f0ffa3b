/**
 * Rigel's log line for logback ({@link dev.rigel.cli.logging.LogLine}), for apps that configure
 * logback in code; logback must be on the class path to use it.
 */
package dev.rigel.cli.logging;
