/**
 * The files a response sends, wherever they are stored: on disk ({@link
 * dev.rigel.internal.files.PathSource}) or as an entry of a jar ({@link
 * dev.rigel.internal.files.JarEntrySource}), behind {@link dev.rigel.internal.files.FileSource}, so
 * validators, 304, ranges and HEAD are worked out once for both. {@link
 * dev.rigel.internal.files.FileContent} is what a static files route answers with for a jar entry.
 * Not API.
 */
package dev.rigel.internal.files;
