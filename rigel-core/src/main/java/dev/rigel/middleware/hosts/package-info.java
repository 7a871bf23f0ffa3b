/**
 * Allowed hosts: {@link dev.rigel.middleware.hosts.AllowedHostsMiddleware} refuses requests for
 * hosts not in its {@link dev.rigel.middleware.hosts.AllowedHostsConfig}.
 */
package dev.rigel.middleware.hosts;
