/**
 * Static files served from a directory or the class path: {@link
 * dev.rigel.staticfiles.StaticFiles} builds the router.
 */
package dev.rigel.staticfiles;
