/**
 * Reading url-encoded and multipart forms and binding them to types. Not API.
 */
package dev.rigel.internal.form;
