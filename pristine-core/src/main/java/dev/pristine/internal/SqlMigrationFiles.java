package dev.pristine.internal;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the plain SQL migrator reads one file: its version from the name, by Flyway's rules (as Flyway 13
 * applies them), and its text, decoded strictly.
 *
 * <p>Names: {@code V<version>[__<description>].sql}, a capital {@code V}, version parts of digits separated
 * by {@code .} or {@code _}, two underscores before the description; the suffix matches in any case
 * ({@code .SQL}). Versions compare by number, so {@code V1}, {@code V01} and {@code V1.0} are one version.
 * A name that starts like a version ({@code v1__x.sql}, {@code V2_x.sql}, {@code V__x.sql}) but is not a
 * valid one is refused: Flyway would skip it silently, and running it last would hide the mistake.
 */
final class SqlMigrationFiles {

    /** The encoding of migration files unless {@code pristine.encoding} says otherwise. */
    static final Charset DEFAULT_ENCODING = StandardCharsets.UTF_8;

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)(?:__.*)?");
    private static final Pattern LOOKS_VERSIONED = Pattern.compile("[Vv][0-9._].*");
    private static final Pattern REPAIRABLE = Pattern.compile("[Vv][._]*([0-9]+(?:[._][0-9]+)*)[._]*(.*)");
    private static final String RULE = "Flyway's rule: V<version>__<description>.sql, capital V, version parts "
            + "separated by . or _, two underscores before the description";

    private SqlMigrationFiles() {}

    /**
     * The version of a migration file, or null for a file that runs after the versioned ones.
     *
     * @param fileName the file name, ending in {@code .sql} in any case
     * @param relative the name relative to the migrations location, for the error
     * @param dir the migrations location, for the error
     * @throws PristineException with {@code CONFIGURATION} when the name looks versioned but is not valid
     */
    static List<BigInteger> version(String fileName, String relative, Path dir) {
        String base = fileName.substring(0, fileName.length() - ".sql".length());
        String suffix = fileName.substring(base.length());
        Matcher m = VERSIONED.matcher(base);
        if (m.matches()) {
            List<BigInteger> version = new ArrayList<>();
            for (String part : m.group(1).split("[._]")) {
                version.add(new BigInteger(part));
            }
            return version;
        }
        if (!LOOKS_VERSIONED.matcher(base).matches()) {
            return null;
        }
        Matcher r = REPAIRABLE.matcher(base);
        String fix = r.matches()
                ? "rename it to V" + r.group(1) + (r.group(2).isEmpty() ? "" : "__" + r.group(2)) + suffix
                : "give it a version, e.g. V1" + base.substring(1) + suffix;
        throw new PristineException(ErrorCode.CONFIGURATION, "migration file name is not a valid versioned name",
                relative + " in " + dir, fix + " (" + RULE + ")");
    }

    /**
     * The text of a migration file: strictly decoded, without a leading byte order mark.
     *
     * @param relative the name relative to the migrations location, for the error
     * @throws PristineException with {@code CONFIGURATION} naming the file, the line and the byte offset of the
     *     first byte sequence that is not valid in {@code encoding}
     */
    static String decode(String relative, byte[] content, Charset encoding) {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(content.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            int line = 1;
            while (out.hasRemaining()) {
                if (out.get() == '\n') {
                    line++;
                }
            }
            byte[] bad = new byte[Math.min(result.length(), content.length - offset)];
            System.arraycopy(content, offset, bad, 0, bad.length);
            throw new PristineException(ErrorCode.CONFIGURATION, "migration " + relative + " is not valid " + encoding.name(),
                    "line " + line + ", byte offset " + offset + " (0x" + HexFormat.of().withUpperCase().formatHex(bad) + ")",
                    "re-save the file as " + encoding.name() + ", or set pristine.encoding to the encoding it is written in"
                            + " (e.g. pristine.encoding=windows-1252)");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The encoding named by {@code pristine.encoding}, or UTF-8 when it is null or blank.
     *
     * @throws PristineException with {@code CONFIGURATION} for a name this JVM does not know
     */
    static Charset encoding(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT_ENCODING;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine.encoding is not a character set this JVM knows",
                    name, "use a name like UTF-8, ISO-8859-1 or windows-1252");
        }
    }
}
