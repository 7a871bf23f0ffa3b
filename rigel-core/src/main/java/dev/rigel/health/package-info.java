/**
 * Health endpoints: {@link dev.rigel.health.HealthPlugin} serves liveness, readiness and a summary;
 * a {@link dev.rigel.health.HealthCheck} checks one dependency; plugins and stores that bring a
 * dependency implement {@link dev.rigel.health.HealthContributor} so the plugin finds their checks.
 */
package dev.rigel.health;
