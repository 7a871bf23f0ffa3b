/**
 * The {@code rigel} command line: {@link dev.rigel.cli.Rigel#cli} in an app's {@code main} makes
 * {@code java -jar app.jar} understand {@code run} (the default), {@code routes},
 * {@code schema openapi}, {@code info}, {@code version}, {@code sessions clear|delete} and
 * {@code generate-completion}, with every setting of the app's settings record as an option.
 * {@link dev.rigel.cli.RigelCli} is the same, configurable and returning the exit code.
 */
package dev.rigel.cli;
