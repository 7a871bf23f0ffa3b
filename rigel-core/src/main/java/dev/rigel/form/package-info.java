/**
 * Forms and uploads: {@link dev.rigel.form.Form @Form}, {@link dev.rigel.form.FormData}, {@link
 * dev.rigel.form.UploadFile} and the limits in {@link dev.rigel.form.FormConfig}.
 */
package dev.rigel.form;
