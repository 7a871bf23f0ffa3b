/**
 * HTTP rules that need nothing of the app: conditional requests, HTTP dates, byte ranges, media
 * types and Accept headers. Not API.
 */
package dev.rigel.internal.http;
