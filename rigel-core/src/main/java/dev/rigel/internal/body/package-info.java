/**
 * Response bodies and encoders: whole bodies, files, iterators, server-sent events, templates, DTO
 * writers, and the streamed request body. Not API.
 */
package dev.rigel.internal.body;
