/**
 * The {@code pristine} command line: {@code prepare}, {@code lease}, {@code release}, {@code status},
 * {@code gc} and {@code demo} over the core API. Everything here but {@link dev.pristine.cli.Main} is
 * implementation; the supported surface is the command line contract (options, JSON fields, exit codes).
 */
package dev.pristine.cli;
