/**
 * Path templates and the route trie that matches request paths. Not API.
 */
package dev.rigel.internal.routing;
