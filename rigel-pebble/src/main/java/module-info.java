/** Pebble, Rigel's default template engine. */
// "requires-transitive-automatic": Pebble is an automatic module; its name comes from the
// Automatic-Module-Name in its manifest, so it is stable
@SuppressWarnings("requires-transitive-automatic")
module dev.rigel.pebble {
    requires transitive dev.rigel.core;
    // PebbleTemplates takes and exposes a PebbleEngine
    requires transitive io.pebbletemplates;

    exports dev.rigel.pebble;
}
