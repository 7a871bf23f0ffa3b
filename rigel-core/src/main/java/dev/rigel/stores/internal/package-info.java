/**
 * File naming of {@code FileStore}; not API.
 */
package dev.rigel.stores.internal;
