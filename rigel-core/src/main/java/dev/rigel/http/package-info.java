/**
 * The request and response vocabulary handlers, guards and middleware use: {@link
 * dev.rigel.http.Request}, {@link dev.rigel.http.Response}, {@link dev.rigel.http.Cookie}, {@link
 * dev.rigel.http.State}, {@link dev.rigel.http.QueryParams}, {@link dev.rigel.http.HandlerInfo}
 * (the matched route), {@link dev.rigel.http.Guard}, {@link dev.rigel.http.ExceptionHandler},
 * {@link dev.rigel.http.Hooks}. Sits below features and the app; imports only the protocol,
 * exceptions and other leaves.
 */
package dev.rigel.http;
