/**
 * The app's JSON codec on Jackson, with Rigel's error shapes for malformed or invalid bodies. Not
 * API.
 */
package dev.rigel.internal.json;
