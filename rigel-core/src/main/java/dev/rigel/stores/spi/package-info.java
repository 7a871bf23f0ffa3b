/**
 * What a store of another Rigel module shares with the built-in ones (key rules: {@link
 * dev.rigel.stores.spi.StoreKeys}). Exported only to rigel-redis.
 */
package dev.rigel.stores.spi;
