/**
 * Templates: the {@link dev.rigel.template.TemplateEngine} plugin contract, {@link
 * dev.rigel.template.UrlFor}, and {@link dev.rigel.template.TemplateContext}, through which
 * request features give every template a value.
 */
package dev.rigel.template;
