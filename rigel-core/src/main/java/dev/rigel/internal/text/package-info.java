/**
 * Parsing request text: query strings, cookies, and values converted to Java types. Not API.
 */
package dev.rigel.internal.text;
