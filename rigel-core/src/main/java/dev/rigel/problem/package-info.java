/**
 * Problem details (RFC 9457), Litestar's problem-details plugin: errors answered as {@code
 * application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance} and extension members.
 *
 * <p>Entry points: {@link dev.rigel.problem.ProblemDetailsPlugin} (the app), {@link
 * dev.rigel.problem.ProblemDetailsConfig#applyTo} (a router, controller or route), and {@link
 * dev.rigel.problem.ProblemDetailsException} for handlers to throw. Opt-in: without either, errors
 * keep Rigel's standard body.
 */
package dev.rigel.problem;
