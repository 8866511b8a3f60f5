package dev.pinwheel.scan;

import dev.pinwheel.scan.PythonTokenizer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the imports of one Python source text from its tokens, following the block structure
 * just far enough to know which imports are typing-only ({@code if TYPE_CHECKING:}) and which
 * are optional ({@code try: ... except ImportError:}). Relative imports are the project's own
 * and are not reported.
 */
public final class PythonSource {

    /** What one source text holds. */
    public record Scan(List<FoundImport> imports, List<Literal> literals, List<Literal> names, List<Problem> problems) {

        public Scan {
            imports = List.copyOf(imports);
            literals = List.copyOf(literals);
            names = List.copyOf(names);
            problems = List.copyOf(problems);
        }
    }

    /** A string literal (or, in {@link Scan#names()}, a name) noticed for evidence, with its line. */
    public record Literal(String value, int line) {
    }

    /** Why a text could not be tokenized cleanly, at a 1-based line and column. */
    public record Problem(int line, int column, String message) {
    }

    private PythonSource() {
    }

    /** Scans {@code text}, keeping no literals or names. */
    public static Scan scan(String text) {
        return scan(text, v -> false, Set.of());
    }

    /**
     * Scans {@code text}; string literals accepted by {@code literalFilter} and names in
     * {@code namesOfInterest} are kept for evidence.
     */
    public static Scan scan(String text, Predicate<String> literalFilter, Set<String> namesOfInterest) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scan(bytes, bytes.length, literalFilter, namesOfInterest);
    }

    /** Scans the first {@code length} bytes of {@code utf8} (valid UTF-8), which are not copied. */
    static Scan scan(byte[] utf8, int length, Predicate<String> literalFilter, Set<String> namesOfInterest) {
        return scan(utf8, length, literalFilter, namesOfInterest, true);
    }

    /**
     * {@code skim}: lines that cannot hold an import, a block header, a name of interest or a
     * wanted literal are only skimmed (see {@link PythonTokenizer}); false tokenizes every line,
     * which must find exactly the same (the tests compare the two).
     */
    static Scan scan(byte[] utf8, int length, Predicate<String> literalFilter, Set<String> namesOfInterest, boolean skim) {
        PythonTokenizer.Interest interest = skim ? interest(literalFilter, namesOfInterest) : null;
        Extractor x = new Extractor(literalFilter, namesOfInterest);
        List<PythonTokenizer.Problem> tokenProblems = PythonTokenizer.tokenize(utf8, length, interest, x);
        List<Problem> problems;
        if (tokenProblems.isEmpty() && x.problems.isEmpty()) {
            problems = List.of();
        } else {
            problems = new ArrayList<>();
            for (PythonTokenizer.Problem p : tokenProblems) {
                problems.add(new Problem(p.line(), p.column(), p.message()));
            }
            problems.addAll(x.problems);
            problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        }
        List<FoundImport> imports = new ArrayList<>(x.pending.size());
        for (Pending p : x.pending) {
            imports.add(new FoundImport(p.module, p.line, p.typingOnly, p.optional(), p.dynamic));
        }
        return new Scan(imports, x.literals, x.names, problems);
    }

    /** The last interest built, reused while the caller asks for the same literals and names (a whole project). */
    private static volatile CachedInterest lastInterest;

    private record CachedInterest(Predicate<String> literals, Set<String> names, PythonTokenizer.Interest interest) {
    }

    private static PythonTokenizer.Interest interest(Predicate<String> literalFilter, Set<String> namesOfInterest) {
        CachedInterest cached = lastInterest;
        if (cached != null && cached.literals() == literalFilter && cached.names() == namesOfInterest) {
            return cached.interest();
        }
        Set<String> names = new HashSet<>(namesOfInterest);
        names.addAll(DYNAMIC_IMPORTS);
        PythonTokenizer.Interest interest = new PythonTokenizer.Interest(HEADS, BLOCK_HEADS, names, literalFilter);
        lastInterest = new CachedInterest(literalFilter, namesOfInterest, interest);
        return interest;
    }

    private enum BlockKind { TYPING, RUNTIME_ELSE, TRY, IMPORT_HANDLER, OTHER }

    private record Block(int indent, BlockKind kind, TryInfo tryInfo) {
    }

    /** The plain blocks (def, for, with, class, ...) by indent: skimmed headers open them by the thousand. */
    private static final Block[] PLAIN_BLOCKS = new Block[256];

    static {
        for (int i = 0; i < PLAIN_BLOCKS.length; i++) {
            PLAIN_BLOCKS[i] = new Block(i, BlockKind.OTHER, null);
        }
    }

    /** A try statement; whether one of its handlers catches a failed import is known only later. */
    private static final class TryInfo {
        boolean catchesImportError;
    }

    private static final class Pending {
        final String module;
        final int line;
        final boolean typingOnly;
        final boolean dynamic;
        final List<TryInfo> tries;
        final boolean inHandler;

        Pending(String module, int line, boolean typingOnly, boolean dynamic, List<TryInfo> tries, boolean inHandler) {
            this.module = module;
            this.line = line;
            this.typingOnly = typingOnly;
            this.dynamic = dynamic;
            this.tries = tries;
            this.inHandler = inHandler;
        }

        boolean optional() {
            if (inHandler) {
                return true;
            }
            for (int i = 0, n = tries.size(); i < n; i++) { // no iterator: asked once per import
                if (tries.get(i).catchesImportError) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Set<String> COMPOUND = Set.of("if", "elif", "else", "try", "except", "finally", "with",
            "for", "while", "def", "class", "async");
    /** Calls whose literal argument is an import. */
    private static final Set<String> DYNAMIC_IMPORTS = Set.of("import_module", "__import__");
    /** First names of the lines the extractor reads: statements that import or open blocks. */
    private static final Set<String> HEADS = Set.of("import", "from", "if", "elif", "else", "try", "except");
    /** First names of block headers that matter only as blocks (a one-line body is read in full). */
    private static final Set<String> BLOCK_HEADS = Set.of("finally", "with", "for", "while", "def", "class", "async",
            "match", "case");
    private static final Set<String> IMPORT_ERRORS = Set.of("ImportError", "ModuleNotFoundError", "Exception",
            "BaseException");

    private static final class Extractor implements PythonTokenizer.Sink {
        private final Predicate<String> literalFilter;
        private final Set<String> namesOfInterest;
        private final Deque<Block> blocks = new ArrayDeque<>();
        private final Deque<Integer> indents = new ArrayDeque<>();
        /** The last try at an indent (by indent; made when the file has one). */
        private TryInfo[] lastTry;
        /** The kind of the last if at an indent, so that its else knows what it is (by indent; made when needed). */
        private BlockKind[] lastIf;
        final List<Pending> pending = new ArrayList<>();
        final List<Literal> literals = new ArrayList<>();
        final List<Literal> names = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        private boolean previousOpenedBlock;

        Extractor(Predicate<String> literalFilter, Set<String> namesOfInterest) {
            this.literalFilter = literalFilter;
            this.namesOfInterest = namesOfInterest;
            indents.push(0);
        }

        @Override
        public void skimmed(int indent, int line, boolean opensBlock) {
            // Nothing of interest on it: it ends if-chains, and a plain block header opens a block.
            checkIndent(indent, line);
            while (!blocks.isEmpty() && blocks.peek().indent() >= indent) {
                blocks.pop();
            }
            forgetIf(indent);
            if (opensBlock) {
                blocks.push(indent < PLAIN_BLOCKS.length ? PLAIN_BLOCKS[indent] : new Block(indent, BlockKind.OTHER, null));
            }
            previousOpenedBlock = opensBlock;
        }

        @Override
        public void line(int indent, int line, List<Token> t) {
            checkIndent(indent, line);
            while (!blocks.isEmpty() && blocks.peek().indent() >= indent) {
                blocks.pop();
            }
            Token head = t.get(0);
            if (!head.isName("elif") && !head.isName("else")) {
                forgetIf(indent); // an else after anything but an if chain is a for/while/try else
            }
            for (int i = 0, size = t.size(); i < size; i++) {
                Token tok = t.get(i);
                if (tok.kind() == PythonTokenizer.Kind.STRING) {
                    if (tok.text() != null && literalFilter.test(tok.text())) {
                        literals.add(new Literal(tok.text(), tok.line()));
                    }
                } else if (tok.kind() == PythonTokenizer.Kind.NAME && !namesOfInterest.isEmpty()
                        && namesOfInterest.contains(tok.text())) {
                    names.add(new Literal(tok.text(), tok.line()));
                }
            }
            dynamicImports(t);
            previousOpenedBlock = statements(t, 0, indent);
        }

        private void forgetIf(int indent) {
            if (lastIf != null && indent < lastIf.length) {
                lastIf[indent] = null;
            }
        }

        /** Sets {@code table[index]}, making or growing the table as needed; returns the table. */
        private static TryInfo[] put(TryInfo[] table, int index, TryInfo value) {
            TryInfo[] t = table == null ? new TryInfo[Math.max(16, index + 1)]
                    : index < table.length ? table : java.util.Arrays.copyOf(table, Math.max(index + 1, table.length * 2));
            t[index] = value;
            return t;
        }

        private static BlockKind[] put(BlockKind[] table, int index, BlockKind value) {
            BlockKind[] t = table == null ? new BlockKind[Math.max(16, index + 1)]
                    : index < table.length ? table : java.util.Arrays.copyOf(table, Math.max(index + 1, table.length * 2));
            t[index] = value;
            return t;
        }

        private void checkIndent(int indent, int line) {
            if (indent > indents.peek()) {
                if (!previousOpenedBlock) {
                    problems.add(new Problem(line, 1, "unexpected indent"));
                }
                indents.push(indent);
            } else {
                while (indent < indents.peek()) {
                    indents.pop();
                }
                if (indent != indents.peek()) {
                    problems.add(new Problem(line, 1, "unindent does not match any outer indentation level"));
                    indents.push(indent);
                }
            }
        }

        /** Handles the statements of a logical line from {@code start}; true if it opens an indented block. */
        private boolean statements(List<Token> t, int start, int indent) {
            int i = start;
            while (i < t.size()) {
                Token first = t.get(i);
                if (first.kind() == PythonTokenizer.Kind.NAME && (COMPOUND.contains(first.text())
                        || ((first.text().equals("match") || first.text().equals("case")) && endsWithColon(t)))) {
                    int colon = headerColon(t, i);
                    if (colon < 0) {
                        return false;
                    }
                    Block block = header(t, i, colon, indent);
                    if (colon == t.size() - 1) {
                        blocks.push(block);
                        return true;
                    }
                    // A one-line compound statement: its body counts as inside the block.
                    blocks.push(new Block(indent, block.kind(), block.tryInfo()));
                    boolean opened = statements(t, colon + 1, indent);
                    blocks.pop();
                    return opened;
                }
                int end = statementEnd(t, i);
                if (first.isName("import")) {
                    importStatement(t, i + 1, end);
                } else if (first.isName("from")) {
                    fromStatement(t, i + 1, end);
                }
                i = end + 1;
            }
            return false;
        }

        private static boolean endsWithColon(List<Token> t) {
            return t.get(t.size() - 1).isOp(":");
        }

        /** The index of the colon ending a compound statement's header, skipping lambdas' colons. */
        private static int headerColon(List<Token> t, int from) {
            int depth = 0;
            int lambdas = 0;
            for (int i = from; i < t.size(); i++) {
                Token k = t.get(i);
                if (k.kind() == PythonTokenizer.Kind.OP) {
                    switch (k.text()) {
                        case "(", "[", "{" -> depth++;
                        case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                        case ":" -> {
                            if (depth == 0) {
                                if (lambdas == 0) {
                                    return i;
                                }
                                lambdas--;
                            }
                        }
                        default -> {
                        }
                    }
                } else if (depth == 0 && k.isName("lambda")) {
                    lambdas++;
                }
            }
            return -1;
        }

        private Block header(List<Token> t, int start, int colon, int indent) {
            String keyword = t.get(start).text();
            switch (keyword) {
                case "try" -> {
                    TryInfo info = new TryInfo();
                    lastTry = put(lastTry, indent, info);
                    return new Block(indent, BlockKind.TRY, info);
                }
                case "except" -> {
                    TryInfo info = lastTry != null && indent < lastTry.length ? lastTry[indent] : null;
                    boolean catches = colon == start + 1; // a bare except catches everything
                    for (int i = start + 1; i < colon && !catches; i++) {
                        Token k = t.get(i);
                        catches = k.kind() == PythonTokenizer.Kind.NAME && IMPORT_ERRORS.contains(k.text())
                                && (i == start + 1 || !t.get(i - 1).isOp("."));
                    }
                    if (catches && info != null) {
                        info.catchesImportError = true;
                    }
                    return new Block(indent, catches ? BlockKind.IMPORT_HANDLER : BlockKind.OTHER, null);
                }
                case "if", "elif" -> {
                    BlockKind kind = typeCheckingCondition(t, start + 1, colon);
                    lastIf = put(lastIf, indent, keyword.equals("if") ? kind : BlockKind.OTHER);
                    return new Block(indent, kind == BlockKind.RUNTIME_ELSE ? BlockKind.OTHER : kind, null);
                }
                case "else" -> {
                    BlockKind ifKind = lastIf != null && indent < lastIf.length && lastIf[indent] != null ? lastIf[indent] : BlockKind.OTHER;
                    forgetIf(indent);
                    return new Block(indent, ifKind == BlockKind.RUNTIME_ELSE ? BlockKind.TYPING : BlockKind.OTHER, null);
                }
                default -> {
                    return new Block(indent, BlockKind.OTHER, null);
                }
            }
        }

        /** TYPING for `if TYPE_CHECKING` / `if typing.TYPE_CHECKING`; RUNTIME_ELSE for `if not ...`. */
        private static BlockKind typeCheckingCondition(List<Token> t, int from, int to) {
            boolean negated = from < to && t.get(from).isName("not");
            int i = negated ? from + 1 : from;
            // Accept `TYPE_CHECKING` and `<module>.TYPE_CHECKING` (typing, t, typing_extensions).
            if (to - i == 1 && t.get(i).isName("TYPE_CHECKING")) {
                return negated ? BlockKind.RUNTIME_ELSE : BlockKind.TYPING;
            }
            if (to - i == 3 && t.get(i).kind() == PythonTokenizer.Kind.NAME && t.get(i + 1).isOp(".")
                    && t.get(i + 2).isName("TYPE_CHECKING")) {
                return negated ? BlockKind.RUNTIME_ELSE : BlockKind.TYPING;
            }
            return BlockKind.OTHER;
        }

        /** The index of the `;` ending a simple statement that starts at {@code from}, or the last index. */
        private static int statementEnd(List<Token> t, int from) {
            int depth = 0;
            for (int i = from; i < t.size(); i++) {
                Token k = t.get(i);
                if (k.kind() == PythonTokenizer.Kind.OP) {
                    switch (k.text()) {
                        case "(", "[", "{" -> depth++;
                        case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                        case ";" -> {
                            if (depth == 0) {
                                return i;
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            return t.size() - 1;
        }

        /** `import a.b as c, d` from the token after `import` to {@code end} inclusive. */
        private void importStatement(List<Token> t, int from, int end) {
            int i = from;
            if (from > end) {
                Token at = t.get(from - 1);
                problems.add(new Problem(at.line(), at.column(), "expected a module name after 'import'"));
                return;
            }
            while (i <= end && i < t.size()) {
                int line = t.get(i).line();
                i = dottedName(t, i, end);
                String name = dotted;
                if (name.isEmpty()) {
                    problems.add(new Problem(t.get(Math.min(i, t.size() - 1)).line(), t.get(Math.min(i, t.size() - 1)).column(),
                            "expected a module name after 'import'"));
                    return;
                }
                record(name, line, false);
                if (i <= end && t.get(i).isName("as")) {
                    i += 2;
                }
                if (i <= end && t.get(i).isOp(",")) {
                    i++;
                } else {
                    return;
                }
            }
        }

        /** `from a.b import c`: only the module matters; relative ones are the project's own. */
        private void fromStatement(List<Token> t, int from, int end) {
            int i = from;
            if (i <= end && (t.get(i).isOp(".") || t.get(i).isOp("..."))) {
                return;
            }
            int line = i < t.size() ? t.get(i).line() : t.get(t.size() - 1).line();
            i = dottedName(t, i, end);
            String name = dotted;
            if (name.isEmpty() || i > end || !t.get(i).isName("import")) {
                Token at = t.get(Math.min(i, t.size() - 1));
                problems.add(new Problem(at.line(), at.column(), "expected 'from <module> import ...'"));
                return;
            }
            record(name, line, false);
        }

        /** The dotted name read by the last {@link #dottedName} ("" when there was none). */
        private String dotted;

        /**
         * Reads {@code a.b.c} from {@code i} into {@link #dotted}; returns the index after it. A
         * plain name (most imports) is the token's own (shared) string, without a builder.
         */
        private int dottedName(List<Token> t, int i, int end) {
            if (i <= end && i < t.size() && t.get(i).kind() == PythonTokenizer.Kind.NAME
                    && !(i + 1 <= end && i + 1 < t.size() && t.get(i + 1).isOp("."))) {
                dotted = t.get(i).text();
                return i + 1;
            }
            // a.b.c written without blanks (nearly always) is its source text, shared across files.
            int first = i;
            int lastName = -1;
            boolean adjacent = true;
            while (i <= end && i < t.size() && t.get(i).kind() == PythonTokenizer.Kind.NAME) {
                adjacent &= lastName < 0 || t.get(i - 1).touches(t.get(i));
                lastName = i;
                i++;
                if (i <= end && i < t.size() && t.get(i).isOp(".")) {
                    adjacent &= t.get(i - 1).touches(t.get(i));
                    i++;
                } else {
                    break;
                }
            }
            if (lastName < 0) {
                dotted = "";
            } else if (adjacent) {
                dotted = t.get(first).textThrough(t.get(lastName));
            } else {
                StringBuilder name = new StringBuilder();
                for (int k = first; k <= lastName; k += 2) {
                    name.append(k == first ? "" : ".").append(t.get(k).text());
                }
                dotted = name.toString();
            }
            return i;
        }

        /** `importlib.import_module("x")`, `import_module("x")`, `__import__("x")` with a literal name. */
        private void dynamicImports(List<Token> t) {
            for (int i = 0; i + 2 < t.size(); i++) {
                Token k = t.get(i);
                if (k.kind() == PythonTokenizer.Kind.NAME && DYNAMIC_IMPORTS.contains(k.text())
                        && t.get(i + 1).isOp("(") && t.get(i + 2).kind() == PythonTokenizer.Kind.STRING) {
                    String value = t.get(i + 2).text();
                    boolean literalAlone = i + 3 < t.size() && (t.get(i + 3).isOp(")") || t.get(i + 3).isOp(","));
                    if (value != null && literalAlone && isDottedName(value)) {
                        record(value, k.line(), true);
                    }
                }
            }
        }

        private static boolean isDottedName(String v) {
            if (v.isEmpty() || v.startsWith(".") || v.endsWith(".")) {
                return false;
            }
            for (String part : v.split("\\.", -1)) {
                if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0)) || part.contains("$")) {
                    return false;
                }
                for (int j = 1; j < part.length(); j++) {
                    if (!Character.isJavaIdentifierPart(part.charAt(j))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private void record(String module, int line, boolean dynamic) {
            boolean typing = false;
            boolean handler = false;
            List<TryInfo> tries = List.of();
            for (Block b : blocks) {
                switch (b.kind()) {
                    case TYPING -> typing = true;
                    case IMPORT_HANDLER -> handler = true;
                    case TRY -> {
                        if (tries.isEmpty()) {
                            tries = new ArrayList<>(2);
                        }
                        tries.add(b.tryInfo());
                    }
                    default -> {
                    }
                }
            }
            pending.add(new Pending(module, line, typing, dynamic, tries, handler));
        }
    }
}
