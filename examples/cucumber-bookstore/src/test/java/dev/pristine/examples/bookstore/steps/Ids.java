package dev.pristine.examples.bookstore.steps;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids and e-mails a scenario uses. By default they are the feature's own (customer 1000, invoice 5000):
 * every scenario uses the same ones, which only works because each has a database of its own. With
 * {@code -Dbookstore.ids=offset} (the benchmark's shared-database mode) each scenario moves them by an
 * offset of its own, so the same work runs collision-free on one database.
 *
 * <p>One per scenario (made by the object factory); thread-safe.
 */
public final class Ids {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final Pattern NUMBERED = Pattern.compile("\\b(customer|invoice|playlist)( id)? (\\d+)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@example\\.com", Pattern.CASE_INSENSITIVE);

    private final int offset;

    /** Ids for one scenario. */
    public Ids() {
        this.offset = offsetMode() ? SCENARIOS.incrementAndGet() * 100 : 0;
    }

    /** Whether ids are moved per scenario (the shared-database benchmark). */
    public static boolean offsetMode() {
        return "offset".equals(System.getProperty("bookstore.ids"));
    }

    int customer(int id) {
        return id + offset;
    }

    int invoice(int id) {
        return id + offset;
    }

    int playlist(int id) {
        return id + offset;
    }

    String email(String email) {
        if (offset == 0) {
            return email;
        }
        int at = email.indexOf('@');
        return email.substring(0, at) + "+" + offset + email.substring(at);
    }

    /** A message as the feature states it, with its ids and e-mails moved like the scenario's. */
    String message(String text) {
        if (offset == 0) {
            return text;
        }
        Matcher m = NUMBERED.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + (m.group(2) == null ? "" : m.group(2)) + " "
                    + (Integer.parseInt(m.group(3)) + offset));
        }
        m.appendTail(sb);
        Matcher e = EMAIL.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (e.find()) {
            e.appendReplacement(out, Matcher.quoteReplacement(email(e.group())));
        }
        e.appendTail(out);
        return out.toString();
    }
}
