package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the PEP 508 marker grammar: {@code or} binds looser than {@code and},
 * parentheses group, each comparison is {@code operand op operand}. Whitespace is spaces and
 * tabs; keywords need a word boundary ({@code "3.8"and ...} is fine, as in pip).
 */
final class MarkerParser {

    /** Deeper nesting is surely not a real marker, and would risk the parser's stack. */
    private static final int MAX_DEPTH = 64;

    private final String input;
    private final int end;
    private int pos;
    private int depth;

    MarkerParser(String input, int start, int end) {
        this.input = input;
        this.pos = start;
        this.end = end;
    }

    MarkerNode parseWhole() {
        skipSpace();
        if (pos >= end) {
            throw new ParseException(input, pos, 1, "expected a marker expression");
        }
        MarkerNode node = parseOr();
        skipSpace();
        if (pos < end) {
            throw new ParseException(input, pos, end - pos, input.charAt(pos) == ')'
                    ? "unmatched ')'" : "expected 'and', 'or' or the end of the marker");
        }
        return node;
    }

    private MarkerNode parseOr() {
        List<MarkerNode> parts = new ArrayList<>();
        parts.add(parseAnd());
        while (keyword("or")) {
            parts.add(parseAnd());
        }
        return parts.size() == 1 ? parts.get(0) : flatten(false, parts);
    }

    private MarkerNode parseAnd() {
        List<MarkerNode> parts = new ArrayList<>();
        parts.add(parseAtom());
        while (keyword("and")) {
            parts.add(parseAtom());
        }
        return parts.size() == 1 ? parts.get(0) : flatten(true, parts);
    }

    private static MarkerNode flatten(boolean and, List<MarkerNode> parts) {
        MarkerNode result = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            result = Marker.combine(and, result, parts.get(i));
        }
        return result;
    }

    private MarkerNode parseAtom() {
        skipSpace();
        if (pos < end && input.charAt(pos) == '(') {
            int open = pos;
            if (++depth > MAX_DEPTH) {
                throw new ParseException(input, pos, 1, "marker nested too deeply");
            }
            pos++;
            skipSpace();
            MarkerNode inner = parseOr();
            skipSpace();
            if (pos >= end || input.charAt(pos) != ')') {
                throw new ParseException(input, pos, 1, "expected ')' to close the '(' at column " + (open + 1));
            }
            pos++;
            depth--;
            return inner;
        }
        MarkerNode.Operand lhs = operand();
        skipSpace();
        MarkerNode.Op op = operator();
        skipSpace();
        MarkerNode.Operand rhs = operand();
        return MarkerNode.Compare.of(lhs, op, rhs);
    }

    private MarkerNode.Operand operand() {
        if (pos >= end) {
            throw new ParseException(input, pos, 1, "expected a marker variable or a quoted string");
        }
        char c = input.charAt(pos);
        if (c == '"' || c == '\'') {
            int close = input.indexOf(c, pos + 1);
            if (close < 0 || close >= end) {
                throw new ParseException(input, pos, end - pos, "unterminated string");
            }
            String literal = input.substring(pos + 1, close);
            pos = close + 1;
            return new MarkerNode.Operand(null, literal);
        }
        int start = pos;
        while (pos < end && isWordChar(input.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException(input, pos, 1, "expected a marker variable or a quoted string");
        }
        String name = input.substring(start, pos);
        MarkerVariable variable = MarkerVariable.byName(name);
        if (variable == null) {
            throw new ParseException(input, start, pos - start, "unknown marker variable '" + name + "'");
        }
        return new MarkerNode.Operand(variable, null);
    }

    private MarkerNode.Op operator() {
        if (pos < end) {
            String[] symbols = {"===", "==", "~=", "!=", "<=", ">=", "<", ">"};
            MarkerNode.Op[] ops = {MarkerNode.Op.ARBITRARY, MarkerNode.Op.EQUAL, MarkerNode.Op.COMPATIBLE,
                MarkerNode.Op.NOT_EQUAL, MarkerNode.Op.LESS_EQUAL, MarkerNode.Op.GREATER_EQUAL,
                MarkerNode.Op.LESS, MarkerNode.Op.GREATER};
            for (int i = 0; i < symbols.length; i++) {
                if (input.startsWith(symbols[i], pos) && pos + symbols[i].length() <= end) {
                    pos += symbols[i].length();
                    return ops[i];
                }
            }
            if (keyword("in")) {
                return MarkerNode.Op.IN;
            }
            int notAt = pos;
            if (keyword("not")) {
                if (pos < end && isSpace(input.charAt(pos - 1)) && keyword("in")) {
                    return MarkerNode.Op.NOT_IN;
                }
                throw new ParseException(input, notAt, pos - notAt, "expected 'in' after 'not'");
            }
        }
        throw new ParseException(input, pos, 1,
                "expected a marker operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)");
    }

    /** Consumes optional spaces and {@code word} when it stands alone; otherwise moves nothing. */
    private boolean keyword(String word) {
        int save = pos;
        skipSpace();
        int at = pos;
        if (input.startsWith(word, at) && at + word.length() <= end
                && (at + word.length() == end || !isWordChar(input.charAt(at + word.length())))
                && (at == 0 || !isWordChar(input.charAt(at - 1)))) {
            pos = at + word.length();
            skipSpace();
            return true;
        }
        pos = save;
        return false;
    }

    private void skipSpace() {
        while (pos < end && isSpace(input.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isWordChar(char c) {
        return Names.isAlnum(c) || c == '_' || c == '.';
    }
}
