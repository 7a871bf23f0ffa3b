package dev.rigel.middleware.compression;

import java.io.IOException;
import java.io.OutputStream;

/** One content coding: a whole body at once, or a stream whose {@code flush} emits what it has. */
interface Codec {

    byte[] compress(byte[] body) throws IOException;

    /** An encoder writing into {@code sink}; {@code flush} pushes out everything written so far. */
    OutputStream stream(OutputStream sink) throws IOException;
}
