/**
 * Key-value stores for rate limits, sessions, caches and apps: {@link dev.rigel.stores.Store},
 * {@link dev.rigel.stores.MemoryStore}, {@link dev.rigel.stores.FileStore} and the app's {@link
 * dev.rigel.stores.StoreRegistry} of named stores; {@link
 * dev.rigel.stores.StoreUnavailableException} when a store's server is down.
 */
package dev.rigel.stores;
