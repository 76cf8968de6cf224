package dev.pristine.liquibase;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Passes every call to the real accessor and remembers each resource Liquibase fetched by name: the
 * master, every {@code include}d and {@code includeAll}-found changelog, {@code sqlFile}s, {@code loadData}
 * CSVs, property files. Directory listings ({@code search}) are not recorded: only what was read counts.
 */
final class RecordingResourceAccessor implements ResourceAccessor {

    private final ResourceAccessor real;
    private final Map<String, Resource> fetched = new ConcurrentSkipListMap<>();

    RecordingResourceAccessor(ResourceAccessor real) {
        this.real = real;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return real.search(path, recursive);
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        return real.search(path, options);
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        List<Resource> found = real.getAll(path);
        if (found != null) {
            for (Resource r : found) {
                if (r.exists()) {
                    fetched.putIfAbsent(r.getPath(), r);
                }
            }
        }
        return found;
    }

    @Override
    public List<String> describeLocations() {
        return real.describeLocations();
    }

    /** Every resource fetched so far, by path, in path order. */
    SortedMap<String, Resource> fetched() {
        return new TreeMap<>(fetched);
    }

    @Override
    public void close() throws Exception {
        real.close();
    }
}
