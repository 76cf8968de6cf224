package dev.pristine.cucumber;

import java.util.regex.Pattern;

/**
 * Masks credentials in a JDBC URL before it is logged: {@code user:secret@} userinfo and {@code password=}
 * (or {@code pwd=}, {@code secret=}) parameters. (The core's redaction is internal; this covers what a URL can carry.)
 */
final class Redact {

    private static final Pattern USERINFO = Pattern.compile("(//[^/@:?;&]*):[^/@?;&]*@");
    private static final Pattern PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd|secret)=)[^&;]*");

    private Redact() {}

    static String url(String url) {
        if (url == null) {
            return null;
        }
        String s = url.length() > 4096 ? url.substring(0, 4096) : url;
        return PASSWORD.matcher(USERINFO.matcher(s).replaceAll("$1:****@")).replaceAll("$1****");
    }
}
