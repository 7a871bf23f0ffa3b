/**
 * Background work on virtual threads, counted so shutdown can drain it. Not API.
 */
package dev.rigel.internal.work;
