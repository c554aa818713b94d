package org.armach.mig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for the subset of the MIG language used by this project's {@code .defs}: subsystem,
 * userprefix/serverprefix, waittime/msgoption, import, type, routine, simpleroutine and skip.
 */
public final class DefsParser {
    private final List<Token> toks;
    private int p;
    private final TypeFactory factory;
    private final Map<String, MigType> types = new LinkedHashMap<>();
    private final List<Routine> slots = new ArrayList<>();
    private String subsystem;
    private int base = -1;
    private String userPrefix = "";
    private String serverPrefix = "";

    private DefsParser(List<Token> toks, StructEncoding encoding) {
        this.toks = toks;
        this.factory = new TypeFactory(encoding);
    }

    /** Parses a defs file (and its includes) from a source, with the older MIG's struct encoding. */
    public static Subsystem parse(DefsSource source, String fileName) {
        return parse(source, fileName, StructEncoding.OLD_MIG);
    }

    public static Subsystem parse(DefsSource source, String fileName, StructEncoding encoding) {
        String text = new DefsPreprocessor(source).expand(fileName);
        return new DefsParser(DefsLexer.tokenize(text), encoding).file(fileName);
    }

    /** Parses one of the project's built-in interface definitions, e.g. {@code "mach.defs"}. */
    public static Subsystem builtin(String fileName) {
        return parse(DefsSource.builtin(), fileName);
    }

    /** Parses a built-in definition with a chosen struct encoding. */
    public static Subsystem builtin(String fileName, StructEncoding encoding) {
        return parse(DefsSource.builtin(), fileName, encoding);
    }

    private Subsystem file(String fileName) {
        while (!peek().kind().equals(Token.Kind.EOF)) statement();
        if (subsystem == null) throw new DefsException(fileName + ": no subsystem statement");
        return new Subsystem(subsystem, base, slots, types, userPrefix, serverPrefix);
    }

    private void statement() {
        Token t = next();
        switch (t.text()) {
            case "subsystem": subsystemDecl(); break;
            case "userprefix": userPrefix = ident(); break;
            case "serverprefix": serverPrefix = ident(); break;
            case "waittime": case "msgoption": case "msgseqno": skipTo(";"); return;
            case "import": case "uimport": case "simport": skipTo(";"); return;
            case "type": typeDecl(); break;
            case "routine": routine(false); break;
            case "simpleroutine": routine(true); break;
            case "skip": slots.add(null); break;
            default: throw error(t, "unexpected '" + t.text() + "'");
        }
        expect(";");
    }

    private void subsystemDecl() {
        while (peek().is("KernelUser") || peek().is("KernelServer")) next();
        subsystem = ident();
        base = number();
    }

    private void typeDecl() {
        String name = ident();
        expect("=");
        MigType spec = typeSpec();
        String ctype = name;
        while (peek().kind() == Token.Kind.IDENT && peek(1).is(":")) {
            String clause = next().text();
            expect(":");
            if (clause.equals("ctype")) ctype = ident();
            else skipClause();
        }
        types.put(name, spec.renamed(name, ctype));
    }

    private void skipClause() {
        while (!peek().is(";") && !(peek().kind() == Token.Kind.IDENT && peek(1).is(":"))) next();
    }

    MigType typeSpec() {
        Token t = next();
        switch (t.text()) {
            case "^": expect("array"); return array(true);
            case "array": return array(false);
            case "struct": return struct();
            case "c_string": return cString();
            case "(": return parenBasic();
            case "polymorphic": return factory.basic("POLYMORPHIC", "POLYMORPHIC", 0);
            default: break;
        }
        if (t.text().startsWith("MACH_MSG_TYPE_")) return factory.basic(t.text(), optionalOutSymbol(), 0);
        MigType named = types.get(t.text());
        if (named == null) throw error(t, "unknown type " + t.text());
        return named;
    }

    private String optionalOutSymbol() {
        if (!peek().is("|")) return null;
        next();
        return next().text();
    }

    private MigType parenBasic() {
        String in = next().text();
        String out = optionalOutSymbol();
        expect(",");
        int bits = expr();
        if (peek().is(",")) { next(); ident(); }
        expect(")");
        return factory.basic(in, out, bits);
    }

    private MigType array(boolean ool) {
        expect("[");
        TypeKind kind;
        int count = 0;
        if (peek().is("]")) kind = ool ? TypeKind.OOL : TypeKind.INDEFINITE;
        else if (peek().is("*")) {
            next();
            expect(":");
            count = expr();
            kind = ool ? TypeKind.OOL : TypeKind.BOUNDED;
        } else {
            count = expr();
            kind = ool ? TypeKind.OOL_FIXED : TypeKind.FIXED;
        }
        expect("]");
        expect("of");
        return factory.array(typeSpec(), kind, count);
    }

    private MigType struct() {
        if (peek().is("[")) {
            next();
            int n = expr();
            expect("]");
            expect("of");
            return factory.structOf(typeSpec(), n);
        }
        expect("{");
        List<MigType> fields = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        while (!peek().is("}")) {
            fields.add(typeSpec());
            ident();
            counts.add(optionalDimension());
            expect(";");
        }
        next();
        return factory.struct(fields, counts);
    }

    private int optionalDimension() {
        if (!peek().is("[")) return 1;
        next();
        int n = expr();
        expect("]");
        return n;
    }

    private MigType cString() {
        expect("[");
        boolean variable = peek().is("*");
        if (variable) { next(); expect(":"); }
        int n = expr();
        expect("]");
        return factory.cString(n, variable);
    }

    private void routine(boolean simple) {
        String name = ident();
        expect("(");
        List<Argument> args = new ArrayList<>();
        while (!peek().is(")")) {
            args.add(argument(args.isEmpty()));
            if (peek().is(";")) next();
        }
        next();
        if (base < 0) throw error(peek(), "routine before subsystem");
        slots.add(new Routine(name, base + slots.size(), simple, args));
    }

    private Argument argument(boolean first) {
        Direction dir = Direction.keyword(peek().text());
        if (dir != null && peek(1).kind() == Token.Kind.IDENT) next();
        else dir = first ? Direction.REQUEST_PORT : Direction.IN;
        String name = ident();
        expect(":");
        MigType type = typeSpec();
        if (peek().is("=")) {
            next();
            String in = TypeFactory.strip(next().text());
            String out = optionalOutSymbol();
            type = type.withSymbols(in, out == null ? MsgTypes.receivedSymbol(in) : TypeFactory.strip(out));
        }
        return flags(name, dir, type);
    }

    private Argument flags(String name, Direction dir, MigType type) {
        boolean countInOut = false;
        Dealloc dealloc = Dealloc.NONE;
        while (peek().is(",")) {
            next();
            Token f = next();
            switch (f.text()) {
                case "CountInOut": countInOut = true; break;
                case "dealloc": dealloc = Dealloc.ALWAYS; break;
                case "notdealloc": dealloc = Dealloc.NONE; break;
                case "Dealloc": expect("["); expect("]"); dealloc = Dealloc.USER; break;
                case "ServerCopy": case "SameCount": case "auto": case "physicalcopy": break;
                default: throw error(f, "unknown argument flag " + f.text());
            }
        }
        return new Argument(name, dir, type, countInOut, dealloc);
    }

    private int expr() {
        int v = number();
        while (peek().is("*") || peek().is("+") || peek().is("-")) {
            String op = next().text();
            int r = number();
            v = op.equals("*") ? v * r : op.equals("+") ? v + r : v - r;
        }
        return v;
    }

    private int number() {
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER) throw error(t, "number expected");
        String s = t.text();
        if (s.startsWith("0x") || s.startsWith("0X")) return Integer.parseInt(s.substring(2), 16);
        if (s.length() > 1 && s.startsWith("0")) return Integer.parseInt(s.substring(1), 8);
        return Integer.parseInt(s);
    }

    private String ident() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT) throw error(t, "identifier expected");
        return t.text();
    }

    private void expect(String s) {
        Token t = next();
        if (!t.is(s)) throw error(t, "'" + s + "' expected");
    }

    private void skipTo(String s) {
        while (!peek().is(s) && peek().kind() != Token.Kind.EOF) next();
        expect(s);
    }

    private Token peek() { return peek(0); }

    private Token peek(int k) { return toks.get(Math.min(p + k, toks.size() - 1)); }

    private Token next() { return toks.get(p < toks.size() - 1 ? p++ : p); }

    private static DefsException error(Token t, String msg) {
        return new DefsException("line " + t.line() + ": " + msg + " (at '" + t.text() + "')");
    }
}
