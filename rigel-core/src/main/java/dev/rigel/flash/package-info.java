/**
 * Flash messages, kept in the session until a template shows them: {@link dev.rigel.flash.Flash}
 * adds and reads them, {@link dev.rigel.flash.FlashMessage} is one, {@link
 * dev.rigel.flash.FlashPlugin} checks at startup that the app has the sessions they need.
 */
package dev.rigel.flash;
