package dev.pristine.testglue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test glue saw during a run, for the tests to assert on afterwards. */
public final class Recorder {

    /** Lease ids by the name a step recorded them under. */
    public static final Map<String, String> DATABASES = new ConcurrentHashMap<>();
    /** The thread each recording step ran on, by the same name. */
    public static final Map<String, String> THREADS = new ConcurrentHashMap<>();
    /** Things hooks and steps noticed, in order. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    /** Objects the tests look at after the run (connections). */
    public static final Map<String, Object> OBJECTS = new ConcurrentHashMap<>();

    private Recorder() {}

    /** Forgets everything; tests call it before each run. */
    public static void reset() {
        DATABASES.clear();
        THREADS.clear();
        EVENTS.clear();
        OBJECTS.clear();
        ShopSteps.resetRendezvous();
    }
}
