package dev.pristine.examples.bookstore.steps;

import static org.assertj.core.api.Assertions.assertThat;

/** Store-wide counts: exact on a scenario's own database; a lower bound when scenarios share one (benchmark). */
final class Counts {

    private Counts() {}

    static void check(String what, int actual, int expected) {
        if (Ids.offsetMode()) {
            assertThat(actual).as(what + " (shared database: at least)").isGreaterThanOrEqualTo(expected);
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }
}
