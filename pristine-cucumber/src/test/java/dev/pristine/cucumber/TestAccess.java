package dev.pristine.cucumber;

/** Lets the test glue look at the running run (test code only; not glue: it has no hooks or steps). */
public final class TestAccess {

    private TestAccess() {}

    /** The pool state of the current run's Pristine, e.g. {@code (key=…, leased=1, idle=2, …)}. */
    public static String poolState() {
        return PristineRun.peek().pristine().poolState();
    }
}
