/**
 * The {@code pristine} command line: {@code prepare}, {@code lease}, {@code release}, {@code status},
 * {@code gc} and {@code demo} over the core API, and commands other jars plug in ({@link dev.pristine.cli.CommandPlugin}).
 * Everything here but {@link dev.pristine.cli.Main} and {@code CommandPlugin} is implementation; the supported
 * surface is the command line contract (options, JSON fields, exit codes).
 */
package dev.pristine.cli;
