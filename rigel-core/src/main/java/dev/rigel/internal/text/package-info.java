/**
 * Parsing request text (query strings, cookies, values converted to Java types), and the readable
 * names listings give the objects a route is built from. Not API.
 */
package dev.rigel.internal.text;
