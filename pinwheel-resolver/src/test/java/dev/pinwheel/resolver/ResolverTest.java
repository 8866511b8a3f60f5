package dev.pinwheel.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResolverTest {

    static final MarkerEnvironment LINUX_311 = MarkerEnvironment.forTarget("3.11.4", "linux");

    static DistMetadata meta(String name, String version, String... deps) {
        List<Requirement> reqs = new ArrayList<>();
        for (String d : deps) {
            reqs.add(Requirement.parse(d));
        }
        return DistMetadata.of(ProjectName.parse(name), Version.parse(version), reqs);
    }

    static InMemoryPackageSource add(InMemoryPackageSource s, String name, String version, String... deps) {
        return s.add(CandidateVersion.of(Version.parse(version)), meta(name, version, deps));
    }

    static List<RootRequirement> roots(String... reqs) {
        List<RootRequirement> out = new ArrayList<>();
        for (int i = 0; i < reqs.length; i++) {
            out.add(RootRequirement.of(Requirement.parse(reqs[i]), "-r requirements.in", "requirements.in:" + (i + 1)));
        }
        return out;
    }

    /**
     * 200 projects with 6 versions each; newer versions tighten their dependencies so that the
     * newest choices often clash and the solver must backtrack. The oldest version of every
     * project accepts anything, so a solution exists; it must satisfy every dependency.
     */
    @Test
    void solvesAGeneratedGraphOfTwoHundredProjects() {
        int n = 200;
        Random random = new Random(42);
        InMemoryPackageSource source = new InMemoryPackageSource();
        Map<String, Map<String, List<String>>> deps = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "p" + i;
            for (int v = 1; v <= 6; v++) {
                List<String> ds = new ArrayList<>();
                int fanout = i + 1 < n ? 1 + random.nextInt(4) : 0;
                for (int k = 0; k < fanout; k++) {
                    int j = i + 1 + random.nextInt(Math.min(20, n - i - 1));
                    String dep = "p" + j;
                    if (ds.stream().anyMatch(d -> d.startsWith(dep + ">") || d.startsWith(dep + "<") || d.equals(dep))) {
                        continue;
                    }
                    ds.add(v == 1 ? dep : random.nextBoolean() ? dep + ">=" + (1 + random.nextInt(6)) + ".0"
                            : dep + "<" + (2 + random.nextInt(5)) + ".0");
                }
                deps.computeIfAbsent(name, k -> new HashMap<>()).put(v + ".0", ds);
                add(source, name, v + ".0", ds.toArray(String[]::new));
            }
        }
        List<String> rootNames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rootNames.add("p" + (i * 7));
        }
        Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots(rootNames.toArray(String[]::new)), LINUX_311));
        Map<String, Version> pins = new HashMap<>();
        r.packages().forEach(p -> pins.put(p.name().toString(), p.version()));
        assertThat(pins).containsKeys(rootNames.toArray(String[]::new));
        for (ResolvedPackage p : r.packages()) {
            for (String d : deps.get(p.name().toString()).get(p.version().toString())) {
                Requirement req = Requirement.parse(d);
                Version pinned = pins.get(req.name().toString());
                assertThat(pinned).as("%s needs %s", p.name(), d).isNotNull();
                assertThat(req.specifier().contains(pinned, true)).as("%s %s needs %s", p.name(), p.version(), d).isTrue();
            }
        }
        assertThat(pins.size()).isGreaterThan(50);
    }

    @Test
    void asksForDiscoveredProjectsInParallel() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            InMemoryPackageSource source = new InMemoryPackageSource(task -> pool.execute(() -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(30);
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }));
            String[] names = {"a", "b", "c", "d", "e", "f"};
            for (String name : names) {
                add(source, name, "1.0");
                add(source, name, "2.0");
            }
            Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots(names), LINUX_311));
            assertThat(r.packages()).hasSize(6).allMatch(p -> p.version().equals(Version.parse("2.0")));
            // All six pages were requested before the resolver waited for the first one.
            assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(2);
            assertThat(source.requests()).contains("metadata a 2.0", "metadata f 2.0").doesNotContain("metadata a 1.0");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void prefetchesTheMetadataOfTheLikelyVersion() {
        InMemoryPackageSource source = new InMemoryPackageSource();
        add(source, "app", "1.0", "lib<3");
        add(source, "lib", "3.0");
        add(source, "lib", "2.5");
        add(source, "lib", "2.0");
        new Resolver(source).resolve(ResolveRequest.of(roots("app"), LINUX_311)
                .withPreferences(Map.of(ProjectName.parse("lib"), Version.parse("2.0"))));
        assertThat(source.requests()).containsExactly("versions app", "metadata app 1.0", "versions lib", "metadata lib 2.0");
    }

    @Test
    void aMissingProjectIsNamedForADidYouMeanHint() {
        InMemoryPackageSource source = new InMemoryPackageSource();
        ResolutionException e = catchThrowableOfType(ResolutionException.class,
                () -> new Resolver(source).resolve(ResolveRequest.of(roots("fastapy"), LINUX_311)));
        assertThat(e.category()).isEqualTo(PinwheelException.Category.NEGATIVE);
        assertThat(e.missingProjects()).containsExactly(ProjectName.parse("fastapy"));
        assertThat(e.explanation()).isEqualTo("Because fastapy was not found in the package index and you require fastapy"
                + " (requirements.in:1), we can conclude that your requirements are unsatisfiable.");
        assertThat(e.hint()).hasValue("check the spelling of fastapy and the package index settings");
    }

    @Test
    void failuresOfTheSourcePropagate() {
        InMemoryPackageSource broken = new InMemoryPackageSource();
        add(broken, "app", "1.0");
        PackageSource failing = new PackageSource() {
            @Override
            public java.util.concurrent.CompletableFuture<ProjectVersions> versions(ProjectName name) {
                return broken.versions(name);
            }

            @Override
            public java.util.concurrent.CompletableFuture<DistMetadata> metadata(ProjectName name, Version version) {
                return java.util.concurrent.CompletableFuture.failedFuture(new PinwheelException(
                        PinwheelException.Category.ENVIRONMENT, "https://pypi.org/simple/app/: connection refused"));
            }

            @Override
            public java.util.concurrent.CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url) {
                return broken.urlMetadata(name, url);
            }
        };
        assertThatThrownBy(() -> new Resolver(failing).resolve(ResolveRequest.of(roots("app"), LINUX_311)))
                .isInstanceOf(PinwheelException.class)
                .hasMessage("https://pypi.org/simple/app/: connection refused")
                .matches(t -> ((PinwheelException) t).category() == PinwheelException.Category.ENVIRONMENT);
    }

    @Test
    void twoDifferentUrlsForOneProjectAreBadInput() {
        InMemoryPackageSource source = new InMemoryPackageSource();
        assertThatThrownBy(() -> new Resolver(source).resolve(ResolveRequest.of(
                roots("lib @ https://a.example/lib-1.0.whl", "lib @ https://b.example/lib-1.0.whl"), LINUX_311)))
                .isInstanceOf(PinwheelException.class)
                .hasMessageContaining("conflicting URLs for lib")
                .matches(t -> ((PinwheelException) t).category() == PinwheelException.Category.BAD_INPUT);
    }

    @Test
    void anExtraThatIsNotProvidedIsAWarning() {
        InMemoryPackageSource source = new InMemoryPackageSource();
        source.add(CandidateVersion.of(Version.parse("1.0")), new DistMetadata(ProjectName.parse("lib"), Version.parse("1.0"),
                List.of(), java.util.Set.of(dev.pinwheel.packaging.ExtraName.parse("fast")), dev.pinwheel.packaging.SpecifierSet.any()));
        Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots("lib[slow]"), LINUX_311));
        assertThat(r.get(ProjectName.parse("lib")).orElseThrow().extras()).extracting(Object::toString).containsExactly("slow");
        assertThat(r.warnings()).containsExactly("lib 1.0 does not provide the extra 'slow'");
    }

    @Test
    void theListenerSeesEveryTry() {
        InMemoryPackageSource source = new InMemoryPackageSource();
        add(source, "a", "1.0");
        List<String> tried = new ArrayList<>();
        ResolveListener listener = new ResolveListener() {
            @Override
            public void trying(ProjectName name, Version version) {
                tried.add(name + " " + version);
            }
        };
        new Resolver(source, listener).resolve(ResolveRequest.of(roots("a"), LINUX_311));
        assertThat(tried).containsExactly("a 1.0");
    }

    @Test
    void aVersionWhoseMetadataCannotBeBuiltIsSkipped() {
        InMemoryPackageSource good = new InMemoryPackageSource();
        add(good, "app", "1.0");
        add(good, "app", "2.0");
        PackageSource source = new PackageSource() {
            @Override
            public java.util.concurrent.CompletableFuture<ProjectVersions> versions(ProjectName name) {
                return good.versions(name);
            }

            @Override
            public java.util.concurrent.CompletableFuture<DistMetadata> metadata(ProjectName name, Version version) {
                if (version.equals(Version.parse("2.0"))) {
                    return java.util.concurrent.CompletableFuture.failedFuture(new PinwheelException(
                            PinwheelException.Category.BAD_INPUT, "app-2.0.tar.gz: setup.py failed"));
                }
                return good.metadata(name, version);
            }

            @Override
            public java.util.concurrent.CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url) {
                return good.urlMetadata(name, url);
            }
        };
        Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots("app"), LINUX_311));
        assertThat(r.get(ProjectName.parse("app")).orElseThrow().version()).isEqualTo(Version.parse("1.0"));
        ResolutionException e = catchThrowableOfType(ResolutionException.class,
                () -> new Resolver(source).resolve(ResolveRequest.of(roots("app>=2"), LINUX_311)));
        assertThat(e.explanation()).isEqualTo("Because app==2.0 is unusable (its metadata cannot be read:"
                + " app-2.0.tar.gz: setup.py failed) and you require app>=2 (requirements.in:1), we can conclude that your"
                + " requirements are unsatisfiable.");
    }

    @Test
    void walkingDownAProjectsVersionsTheSourceHearsOfTheNextOnesAhead() {
        InMemoryPackageSource store = new InMemoryPackageSource();
        add(store, "b", "1.0");
        for (int v = 1; v <= 10; v++) {
            add(store, "a", v + ".0", v >= 3 ? "b>=2" : "b");
        }
        add(store, "a", "8.5rc1", "b>=2");
        List<String> firstChoices = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> next = new java.util.concurrent.CopyOnWriteArrayList<>();
        PackageSource source = new PackageSource() {
            @Override
            public CompletableFuture<ProjectVersions> versions(ProjectName name) {
                return store.versions(name);
            }

            @Override
            public CompletableFuture<DistMetadata> metadata(ProjectName name, Version version) {
                return store.metadata(name, version);
            }

            @Override
            public void prefetchFirstChoice(ProjectName name, Version version) {
                firstChoices.add(name + " " + version);
                store.prefetchFirstChoice(name, version);
            }

            @Override
            public void prefetchNext(ProjectName name, Version version) {
                next.add(name + " " + version);
            }

            @Override
            public CompletableFuture<DistMetadata> urlMetadata(ProjectName name, String url) {
                return store.urlMetadata(name, url);
            }
        };
        Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots("a"), LINUX_311));
        assertThat(r.get(ProjectName.parse("a")).orElseThrow().version()).isEqualTo(Version.parse("2.0"));
        // the newest a is what the resolver tries first (a 10.0 needs b>=2, which has no version to
        // choose); walking down from there it asks for each version it tries, and for none below
        // the one it settles on
        assertThat(firstChoices).containsExactly("a 10.0");
        assertThat(store.requests()).contains("metadata a 3.0", "metadata a 2.0").doesNotContain("metadata a 1.0");
        // once the first choice failed, the source hears of the next versions the walk would come
        // to (three ahead, final releases only, none above the one tried), and so on at each step
        assertThat(next.subList(0, 3)).containsExactly("a 8.0", "a 7.0", "a 6.0");
        assertThat(new java.util.LinkedHashSet<>(next)).containsExactly("a 8.0", "a 7.0", "a 6.0", "a 5.0", "a 4.0",
                "a 3.0", "a 2.0", "a 1.0");
    }
}
