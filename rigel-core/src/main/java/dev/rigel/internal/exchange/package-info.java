/**
 * One request in flight as the app serves it ({@code Exchange}). Not API.
 */
package dev.rigel.internal.exchange;
