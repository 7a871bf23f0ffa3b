/**
 * Turning declared handlers into route plans at startup: scanners, definitions, {@code
 * RouteAssembler}. Not API.
 */
package dev.rigel.internal.assembly;
