/** Redis-backed stores and channels (Lettuce). */
// "requires-transitive-automatic": Lettuce is an automatic module; its name comes from the
// Automatic-Module-Name in its manifest, so it is stable
@SuppressWarnings("requires-transitive-automatic")
module dev.rigel.redis {
    requires transitive dev.rigel.core;
    // RedisStore is built from Lettuce connections and codecs
    requires transitive lettuce.core;
    requires org.slf4j;

    exports dev.rigel.redis;
}
