/**
 * CORS: {@link dev.rigel.middleware.cors.CORSMiddleware} answers preflights and marks cross-origin
 * responses by its {@link dev.rigel.middleware.cors.CORSConfig}.
 */
package dev.rigel.middleware.cors;
