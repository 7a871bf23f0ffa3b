/** MessagePack bodies for Rigel ({@code application/msgpack}), on jackson-dataformat-msgpack. */
// "requires-automatic": the msgpack jars have no module descriptor nor Automatic-Module-Name, so
// their module names come from the file names (jackson-dataformat-msgpack → jackson.dataformat.msgpack)
@SuppressWarnings("requires-automatic")
module dev.rigel.msgpack {
    requires transitive dev.rigel.core;
    requires jackson.dataformat.msgpack;

    exports dev.rigel.msgpack;
}
