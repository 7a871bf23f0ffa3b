/**
 * Bean Validation of parameters and bodies into Rigel's 400 shape. Not API.
 */
package dev.rigel.internal.validation;
