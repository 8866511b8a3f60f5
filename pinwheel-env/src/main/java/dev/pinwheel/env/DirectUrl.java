package dev.pinwheel.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PEP 610 {@code direct_url.json}: where a distribution installed from a URL, a local path or a
 * VCS came from. Sync compares it with the lock file's URL to decide whether to reinstall.
 */
public record DirectUrl(String url, Kind kind, boolean editable, Optional<String> vcs, Optional<String> commitId,
                        Optional<String> requestedRevision, Optional<String> archiveHash) {

    /** Which of the three PEP 610 shapes. */
    public enum Kind { ARCHIVE, DIRECTORY, VCS }

    public DirectUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
    }

    public static DirectUrl archive(String url, String sha256Hex) {
        return new DirectUrl(url, Kind.ARCHIVE, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(sha256Hex).map(h -> "sha256=" + h));
    }

    public static DirectUrl directory(String url, boolean editable) {
        return new DirectUrl(url, Kind.DIRECTORY, editable, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @SuppressWarnings("unchecked")
    public static DirectUrl parse(String json) {
        Map<String, Object> o = Json.parseObject(json);
        String url = (String) o.get("url");
        if (url == null) {
            throw new IllegalArgumentException("direct_url.json has no url");
        }
        if (o.get("vcs_info") instanceof Map<?, ?> vcs) {
            return new DirectUrl(url, Kind.VCS, false, Optional.ofNullable((String) vcs.get("vcs")),
                    Optional.ofNullable((String) vcs.get("commit_id")),
                    Optional.ofNullable((String) vcs.get("requested_revision")), Optional.empty());
        }
        if (o.get("dir_info") instanceof Map<?, ?> dir) {
            return directory(url, Boolean.TRUE.equals(dir.get("editable")));
        }
        Optional<String> hash = Optional.empty();
        if (o.get("archive_info") instanceof Map<?, ?> archive) {
            if (archive.get("hashes") instanceof Map<?, ?> hashes && hashes.get("sha256") != null) {
                hash = Optional.of("sha256=" + hashes.get("sha256"));
            } else if (archive.get("hash") instanceof String h) {
                hash = Optional.of(h);
            }
        }
        return new DirectUrl(url, Kind.ARCHIVE, false, Optional.empty(), Optional.empty(), Optional.empty(), hash);
    }

    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("url", url);
        switch (kind) {
            case DIRECTORY -> o.put("dir_info", editable ? Map.of("editable", true) : Map.of());
            case VCS -> {
                Map<String, Object> vcsInfo = new LinkedHashMap<>();
                vcsInfo.put("vcs", vcs.orElse("git"));
                commitId.ifPresent(c -> vcsInfo.put("commit_id", c));
                requestedRevision.ifPresent(r -> vcsInfo.put("requested_revision", r));
                o.put("vcs_info", vcsInfo);
            }
            case ARCHIVE -> {
                Map<String, Object> info = new LinkedHashMap<>();
                archiveHash.ifPresent(h -> {
                    info.put("hash", h);
                    int eq = h.indexOf('=');
                    info.put("hashes", Map.of(h.substring(0, eq), h.substring(eq + 1)));
                });
                o.put("archive_info", info);
            }
            default -> throw new IllegalStateException();
        }
        return Json.write(o);
    }
}
