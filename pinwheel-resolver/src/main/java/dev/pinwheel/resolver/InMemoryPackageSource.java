package dev.pinwheel.resolver;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A {@link PackageSource} over packages held in memory, for tests (of the resolver and of its
 * users). Optionally answers on an executor, to exercise the asynchronous paths, and records
 * every request in order.
 */
public final class InMemoryPackageSource implements PackageSource {

    private final Map<ProjectName, Map<Version, CandidateVersion>> listed = new LinkedHashMap<>();
    private final Map<ProjectName, Map<Version, DistMetadata>> metadata = new HashMap<>();
    private final Map<String, DistMetadata> urls = new HashMap<>();
    private final Executor executor;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<?>> memo = new ConcurrentHashMap<>();

    /** Answers synchronously (futures are already complete). */
    public InMemoryPackageSource() {
        this(null);
    }

    /** Answers on {@code executor}; null answers synchronously. */
    public InMemoryPackageSource(Executor executor) {
        this.executor = executor;
    }

    /** Lists {@code candidate} and serves {@code meta} as its metadata. */
    public synchronized InMemoryPackageSource add(CandidateVersion candidate, DistMetadata meta) {
        listed.computeIfAbsent(meta.name(), k -> new LinkedHashMap<>()).put(candidate.version(), candidate);
        metadata.computeIfAbsent(meta.name(), k -> new HashMap<>()).put(candidate.version(), meta);
        return this;
    }

    /** Serves {@code meta} for the direct URL {@code url} (not listed on any index). */
    public synchronized InMemoryPackageSource addUrl(String url, DistMetadata meta) {
        urls.put(url, meta);
        return this;
    }

    /** Every distinct request so far, in order: {@code versions foo}, {@code metadata foo 1.0}, {@code url foo <url>}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public CompletableFuture<ProjectVersions> versions(ProjectName name) {
        return answer("versions " + name, () -> {
            synchronized (this) {
                Map<Version, CandidateVersion> vs = listed.get(name);
                return vs == null ? ProjectVersions.notFound(name) : ProjectVersions.of(name, new ArrayList<>(vs.values()));
            }
        });
    }

    @Override
    public CompletableFuture<DistMetadata> metadata(ProjectName name, Version version) {
        return answer("metadata " + name + " " + version, () -> {
            synchronized (this) {
                DistMetadata m = metadata.getOrDefault(name, Map.of()).get(version);
                if (m == null) {
                    throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "no metadata for " + name + " " + version);
                }
                return m;
            }
        });
    }

    @Override
    public CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url) {
        return answer("url " + name + " " + url, () -> {
            synchronized (this) {
                DistMetadata m = urls.get(url);
                if (m == null) {
                    throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "cannot fetch " + url);
                }
                return m;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> answer(String key, Supplier<T> work) {
        return (CompletableFuture<T>) memo.computeIfAbsent(key, k -> {
            requests.add(k);
            return executor == null ? supplyNow(work) : CompletableFuture.supplyAsync(work, executor);
        });
    }

    private static <T> CompletableFuture<T> supplyNow(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
