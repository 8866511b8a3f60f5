package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncPlannerTest {

    @TempDir
    Path site;

    private InstalledDistribution installed(String name, String version, String directUrlJson) throws IOException {
        Path dir = site.resolve(name + "-" + version + ".dist-info");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        Files.writeString(dir.resolve("RECORD"), "");
        if (directUrlJson != null) {
            Files.writeString(dir.resolve("direct_url.json"), directUrlJson);
        }
        return SitePackages.scan(site).stream().filter(d -> d.metadataPath().equals(dir)).findFirst().orElseThrow();
    }

    private static Pin pin(String name, String version) {
        return new Pin(ProjectName.of(name), Optional.of(Version.parse(version)), Optional.empty(), false, List.of(),
                "base.txt", 1, true);
    }

    private static Pin url(String name, String url, boolean editable) {
        return new Pin(ProjectName.of(name), Optional.empty(), Optional.of(url), editable, List.of(), "base.txt", 2, true);
    }

    private static SyncPlan.Kind kindOf(SyncPlan plan, String name) {
        return plan.actions().stream().filter(a -> a.name().equals(ProjectName.of(name))).findFirst().orElseThrow().kind();
    }

    @Test
    void versionsDecideInstallUpgradeDowngradeAndKeep() throws Exception {
        List<InstalledDistribution> have = List.of(installed("a", "1.0", null), installed("b", "2.0", null),
                installed("c", "1.0.0", null));
        SyncPlan plan = SyncPlanner.plan(List.of(pin("a", "1.1"), pin("b", "1.9"), pin("c", "1.0"), pin("d", "3")),
                have, SyncPlanner.DEFAULT_PROTECTED, 0);
        assertThat(kindOf(plan, "a")).isEqualTo(SyncPlan.Kind.UPGRADE);
        assertThat(kindOf(plan, "b")).isEqualTo(SyncPlan.Kind.DOWNGRADE);
        assertThat(kindOf(plan, "c")).as("1.0 == 1.0.0").isEqualTo(SyncPlan.Kind.KEEP);
        assertThat(kindOf(plan, "d")).isEqualTo(SyncPlan.Kind.INSTALL);
        assertThat(plan.changes()).isTrue();
    }

    @Test
    void unlistedPackagesGoUnlessProtected() throws Exception {
        List<InstalledDistribution> have = List.of(installed("pip", "24.0", null), installed("stray", "1", null),
                installed("kept", "1", null));
        SyncPlan plan = SyncPlanner.plan(List.of(), have, Set.of(ProjectName.of("pip"), ProjectName.of("kept")), 0);
        assertThat(kindOf(plan, "pip")).isEqualTo(SyncPlan.Kind.KEEP);
        assertThat(kindOf(plan, "kept")).isEqualTo(SyncPlan.Kind.KEEP);
        assertThat(kindOf(plan, "stray")).isEqualTo(SyncPlan.Kind.REMOVE);
        assertThat(plan.removals()).hasSize(1);
    }

    @Test
    void urlPinsAreReinstalledOnlyWhenDirectUrlDiffers() throws Exception {
        String json = "{\"url\": \"file:///src/app\", \"dir_info\": {\"editable\": true}}";
        List<InstalledDistribution> have = List.of(installed("app", "0.1", json));
        assertThat(kindOf(SyncPlanner.plan(List.of(url("app", "file:///src/app/", true)), have, Set.of(), 0), "app"))
                .isEqualTo(SyncPlan.Kind.KEEP);
        assertThat(kindOf(SyncPlanner.plan(List.of(url("app", "file:///src/app", false)), have, Set.of(), 0), "app"))
                .as("editable mode changed").isEqualTo(SyncPlan.Kind.REINSTALL);
        assertThat(kindOf(SyncPlanner.plan(List.of(url("app", "file:///elsewhere/app", true)), have, Set.of(), 0), "app"))
                .isEqualTo(SyncPlan.Kind.REINSTALL);
        assertThat(kindOf(SyncPlanner.plan(List.of(pin("app", "0.1")), have, Set.of(), 0), "app"))
                .as("an editable where the lock pins an index version").isEqualTo(SyncPlan.Kind.REINSTALL);
    }

    @Test
    void interruptedChangesCountAsDrift() {
        assertThat(SyncPlanner.plan(List.of(), List.of(), Set.of(), 1).changes()).isTrue();
        assertThat(SyncPlanner.plan(List.of(), List.of(), Set.of(), 0).changes()).isFalse();
    }
}
