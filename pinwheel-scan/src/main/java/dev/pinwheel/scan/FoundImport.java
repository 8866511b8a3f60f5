package dev.pinwheel.scan;

import java.util.Objects;

/**
 * One absolute import found in Python source: the dotted module name as written
 * ({@code a.b} for {@code import a.b as c} and for {@code from a.b import c}), where it is, and
 * how it is guarded.
 *
 * @param module     the dotted module name, never relative
 * @param line       1-based line of the import
 * @param typingOnly under {@code if TYPE_CHECKING:} (or the else of {@code if not TYPE_CHECKING:})
 * @param optional   inside a {@code try} whose handler catches ImportError (or ModuleNotFoundError,
 *                   Exception, a bare except), or inside such a handler (a fallback import)
 * @param dynamic    from {@code importlib.import_module("x")} or {@code __import__("x")}
 */
public record FoundImport(String module, int line, boolean typingOnly, boolean optional, boolean dynamic) {

    public FoundImport {
        Objects.requireNonNull(module, "module");
        if (module.isEmpty() || module.startsWith(".")) {
            throw new IllegalArgumentException("not an absolute module name: '" + module + "'");
        }
    }

    /** The first component: what is looked up on {@code sys.path}. */
    public String topLevel() {
        int dot = module.indexOf('.');
        return dot < 0 ? module : module.substring(0, dot);
    }
}
