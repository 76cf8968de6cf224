package dev.pristine.mariadb;

import dev.pristine.PreparedTemplate;
import dev.pristine.spi.EngineSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the core's pool would do with the proposed {@code Engine#resetClone}: a released clone is reset in
 * place in the background and goes back to the idle queue (dropped and cloned anew only when the reset is
 * refused). Measurement code for {@link MariadbMeasurements}, with the core's defaults (one background
 * thread on this 2-core machine, 4 idle clones).
 */
final class RecyclingPool {

    private RecyclingPool() {}

    static List<String> cycles(PreparedTemplate template, int cycles, int workers, int poolSize) throws Exception {
        Map<String, String> s = MariadbTestServer.settings();
        MariadbEngine engine = (MariadbEngine) new MariadbEngineProvider().create(new EngineSettings(s.get("url"),
                s.get("user"), s.get("password"), Path.of("."), false, Map.of()));
        String marker = "pristine:v1 key=" + template.key() + "&host=h&pid=" + ProcessHandle.current().pid()
                + "&start=0&expires=0&created=0&test=recycle";
        LinkedBlockingDeque<String> idle = new LinkedBlockingDeque<>();
        ExecutorService background = Executors.newSingleThreadExecutor();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<String> all = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger resets = new AtomicInteger();
        try {
            for (int i = 0; i < poolSize; i++) {
                idle.add(create(engine, template, marker, all));
            }
            List<Long> acquires = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger left = new AtomicInteger(cycles);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        long a = System.nanoTime();
                        String name = idle.poll(60, TimeUnit.SECONDS);
                        engine.markClone(name, marker); // what the core's relabel does
                        acquires.add(System.nanoTime() - a);
                        MariadbMeasurements.useLikeATest(engine.dataSource(name));
                        background.execute(() -> {
                            try {
                                if (engine.resetClone(template.key(), name, marker)) {
                                    resets.incrementAndGet();
                                    idle.add(name);
                                } else {
                                    engine.dropClone(name);
                                    idle.add(create(engine, template, marker, all));
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            long wall = System.nanoTime() - t0;
            List<Long> sorted = new ArrayList<>(acquires);
            Collections.sort(sorted);
            List<String> out = new ArrayList<>(MariadbMeasurements.summary("RECYCLE (proposed Engine#resetClone, 1 background "
                    + "thread)", sorted, wall, cycles, workers));
            background.shutdown();
            background.awaitTermination(5, TimeUnit.MINUTES);
            out.add("RECYCLE: " + resets.get() + " of " + cycles + " released clones were reset in place");
            return out;
        } finally {
            threads.shutdownNow();
            background.shutdownNow();
            for (String name : all) {
                engine.dropClone(name);
            }
            engine.close();
        }
    }

    private static String create(MariadbEngine engine, PreparedTemplate template, String marker, List<String> all)
            throws Exception {
        String name = "pristine_recycle_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        engine.createClone(template.key(), name, marker);
        all.add(name);
        return name;
    }
}
