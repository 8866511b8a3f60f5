package dev.pinwheel.packaging;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parsed form of a marker: {@code and}/{@code or} lists over single comparisons. */
sealed interface MarkerNode permits MarkerNode.And, MarkerNode.Or, MarkerNode.Compare {

    boolean evaluate(MarkerEnvironment env, Set<ExtraName> extras);

    record And(List<MarkerNode> parts) implements MarkerNode {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean evaluate(MarkerEnvironment env, Set<ExtraName> extras) {
            for (MarkerNode p : parts) {
                if (!p.evaluate(env, extras)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (MarkerNode p : parts) {
                if (b.length() > 0) {
                    b.append(" and ");
                }
                b.append(p instanceof Or ? "(" + p + ")" : p.toString());
            }
            return b.toString();
        }
    }

    record Or(List<MarkerNode> parts) implements MarkerNode {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean evaluate(MarkerEnvironment env, Set<ExtraName> extras) {
            for (MarkerNode p : parts) {
                if (p.evaluate(env, extras)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (MarkerNode p : parts) {
                if (b.length() > 0) {
                    b.append(" or ");
                }
                b.append(p);
            }
            return b.toString();
        }
    }

    /** One operand: a variable, or a literal when {@code variable} is null. */
    record Operand(MarkerVariable variable, String literal) {
        @Override
        public String toString() {
            if (variable != null) {
                return variable.canonicalName();
            }
            char quote = literal.indexOf('"') >= 0 ? '\'' : '"';
            return quote + literal + quote;
        }
    }

    enum Op {
        COMPATIBLE("~="), EQUAL("=="), NOT_EQUAL("!="), LESS_EQUAL("<="), GREATER_EQUAL(">="),
        LESS("<"), GREATER(">"), ARBITRARY("==="), IN("in"), NOT_IN("not in");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean isVersionOperator() {
            return this != IN && this != NOT_IN;
        }
    }

    /**
     * {@code lhs op rhs}. When the right side is a literal that forms a version specifier with
     * the operator, that specifier is parsed once here; likewise a left literal's version.
     */
    final class Compare implements MarkerNode {

        /** The last environment value read as a version; environments repeat, parsing need not. */
        private record Parsed(String text, Version version) {
        }

        private final Operand lhs;
        private final Op op;
        private final Operand rhs;
        private final VersionSpecifier spec;
        private final Version lhsVersion;
        /** For {@code extra == "literal"} (either way round): the literal normalized, worked out once. */
        private final String extraLiteral;
        private volatile Parsed lastParsed;

        private Compare(Operand lhs, Op op, Operand rhs, VersionSpecifier spec, Version lhsVersion) {
            this.lhs = lhs;
            this.op = op;
            this.rhs = rhs;
            this.spec = spec;
            this.lhsVersion = lhsVersion;
            Operand other = lhs.variable() == MarkerVariable.EXTRA ? rhs : rhs.variable() == MarkerVariable.EXTRA ? lhs : null;
            this.extraLiteral = other != null && other.variable() == null ? normalize(other.literal()) : null;
        }

        static Compare of(Operand lhs, Op op, Operand rhs) {
            VersionSpecifier spec = null;
            Version lhsVersion = null;
            if (op.isVersionOperator() && op != Op.ARBITRARY) {
                if (rhs.variable() == null) {
                    spec = trySpecifier(op, rhs.literal());
                }
                if (lhs.variable() == null) {
                    lhsVersion = tryVersion(lhs.literal());
                }
            }
            return new Compare(lhs, op, rhs, spec, lhsVersion);
        }

        Operand lhs() {
            return lhs;
        }

        /** For {@code extra} compared with a literal: the literal normalized; else null. */
        String extraLiteral() {
            return extraLiteral;
        }

        Operand rhs() {
            return rhs;
        }

        @Override
        public boolean evaluate(MarkerEnvironment env, Set<ExtraName> extras) {
            if (lhs.variable() == MarkerVariable.EXTRA || rhs.variable() == MarkerVariable.EXTRA) {
                return evaluateExtra(lhs.variable() == MarkerVariable.EXTRA ? rhs : lhs, env, extras);
            }
            if (rhs.variable() != null && rhs.variable().setValued()) {
                return evaluateMembership(env, extras);
            }
            if (lhs.variable() != null && lhs.variable().setValued()) {
                return false; // a set on the left of a comparison means nothing
            }
            String l = value(lhs, env);
            String r = value(rhs, env);
            if (op == Op.ARBITRARY) {
                return l.toLowerCase(Locale.ROOT).equals(r.toLowerCase(Locale.ROOT));
            }
            if (op.isVersionOperator()) {
                VersionSpecifier s = rhs.variable() == null ? spec : trySpecifier(op, r);
                if (s != null) {
                    Version v = lhs.variable() == null ? lhsVersion : environmentVersion(l);
                    if (v != null) {
                        return s.contains(v, true);
                    }
                }
            }
            switch (op) {
                case EQUAL: return l.equals(r);
                case NOT_EQUAL: return !l.equals(r);
                case LESS: return l.compareTo(r) < 0;
                case LESS_EQUAL: return l.compareTo(r) <= 0;
                case GREATER: return l.compareTo(r) > 0;
                case GREATER_EQUAL: return l.compareTo(r) >= 0;
                case IN: return r.contains(l);
                case NOT_IN: return !r.contains(l);
                default: return false; // ~= on strings is undefined
            }
        }

        /** For {@code extra} compared with a literal ({@link #extraLiteral} set): its value for these extras. */
        boolean decideExtra(Set<ExtraName> extras) {
            if (extraLiteral == null) {
                throw new IllegalStateException("not a comparison of extra with a literal: " + this);
            }
            return evaluateExtra(lhs.variable() == MarkerVariable.EXTRA ? rhs : lhs, null, extras);
        }

        private boolean evaluateExtra(Operand other, MarkerEnvironment env, Set<ExtraName> extras) {
            if (other.variable() == MarkerVariable.EXTRA || (other.variable() != null && other.variable().setValued())) {
                return false;
            }
            String name = extraLiteral != null ? extraLiteral : normalize(value(other, env));
            boolean selected = extras.isEmpty() ? name.isEmpty() : containsName(extras, name);
            switch (op) {
                case EQUAL: return selected;
                case NOT_EQUAL: return !selected;
                default: return false; // PEP 685 defines only == and != for extras
            }
        }

        private boolean evaluateMembership(MarkerEnvironment env, Set<ExtraName> extras) {
            if (lhs.variable() != null || (op != Op.IN && op != Op.NOT_IN)) {
                return false;
            }
            boolean member = rhs.variable() == MarkerVariable.EXTRAS
                    && containsName(extras, normalize(lhs.literal()));
            return op == Op.IN ? member : !member;
        }

        private static boolean containsName(Set<ExtraName> extras, String normalized) {
            for (ExtraName e : extras) {
                if (e.toString().equals(normalized)) {
                    return true;
                }
            }
            return false;
        }

        /** PEP 503 normalization without validation: a literal need not be a valid name. */
        private static String normalize(String name) {
            StringBuilder b = new StringBuilder(name.length());
            boolean separator = false;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '-' || c == '_' || c == '.') {
                    if (!separator) {
                        b.append('-');
                    }
                    separator = true;
                } else {
                    b.append(Character.toLowerCase(c));
                    separator = false;
                }
            }
            return b.toString();
        }

        private static String value(Operand o, MarkerEnvironment env) {
            return o.variable() == null ? o.literal() : env.value(o.variable());
        }

        private Version environmentVersion(String text) {
            Parsed last = lastParsed;
            if (last == null || !last.text().equals(text)) {
                last = new Parsed(text, tryVersion(text));
                lastParsed = last;
            }
            return last.version();
        }

        /** Every PEP 440 version starts with a digit, or v and a digit; checking spares an exception. */
        private static boolean mayBeVersion(String text) {
            int i = 0;
            while (i < text.length() && Names.isPythonSpace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && (text.charAt(i) == 'v' || text.charAt(i) == 'V')) {
                i++;
            }
            return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }

        private static VersionSpecifier trySpecifier(Op op, String version) {
            if (!mayBeVersion(version)) {
                return null;
            }
            try {
                return VersionSpecifier.parse(op.symbol + version);
            } catch (ParseException notASpecifier) {
                return null;
            }
        }

        private static Version tryVersion(String text) {
            if (!mayBeVersion(text)) {
                return null;
            }
            try {
                return Version.parse(text);
            } catch (ParseException notAVersion) {
                return null;
            }
        }

        @Override
        public String toString() {
            return lhs + " " + op.symbol + " " + rhs;
        }
    }
}
