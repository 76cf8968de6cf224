package dev.pristine;

/**
 * The result of {@link Pristine#prepare()}.
 *
 * @param key the template key, 64 hex digits
 * @param template the engine's name of the template (a file or database name)
 * @param built whether this call built it (false when it existed already or another process built it)
 * @param millis how long the call took
 */
public record PreparedTemplate(String key, String template, boolean built, long millis) {}
