package org.armach.core.cpu;

import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles a run of decoded instructions into a {@link Block}: a hidden class (Java 17
 * {@code Lookup.defineHiddenClassWithClassData}) whose {@code run(Cpu)} is, per instruction,
 *
 * <pre>
 *   c.pc = base + 4k; c.npc = base + 4k + 4;     // as the interpreter sets them
 *   OPk.exec(c, INSNk);                          // its own call site; OPk, INSNk static finals
 *   long n = c.npc; c.pc = n; c.icount++;        // the interpreter's retirement
 *   if (n != base + 4k + 4) return;              // a taken branch
 *   if (c.exitLoop) return;                       // a handler asked to leave
 * </pre>
 *
 * where {@code base} is {@code c.pc} at entry (blocks belong to a physical page and run at any
 * virtual address that maps it). The ops and operands are static final fields loaded from the
 * class data, so each call site has a constant receiver and HotSpot inlines the op. The class
 * file is emitted by hand (no library): the only branch targets are the single return at the
 * end, so the StackMapTable is one {@code same_frame}. (Looping inside a block that branches to
 * its own start was tried and measured no faster: the JVM's OSR compilations cost more.)
 */
final class BlockCompiler {
    private BlockCompiler() {}

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String CPU = "org/armach/core/cpu/Cpu";
    private static final String OP = "org/armach/core/cpu/Op";
    private static final String INSN = "org/armach/core/cpu/Insn";
    private static final String BLOCK = "org/armach/core/cpu/Block";

    /** Compiles {@code n} instructions (ops[k], insns[k]) into a block; throws on a JVM refusal. */
    static Block compile(Op[] ops, Insn[] insns, int n) {
        byte[] bytes = classFile(n);
        Object[] data = new Object[2 * n];
        for (int k = 0; k < n; k++) {
            data[2 * k] = ops[k];
            data[2 * k + 1] = insns[k];
        }
        try {
            MethodHandles.Lookup hl = LOOKUP.defineHiddenClassWithClassData(bytes, data, true);
            // reflection, not a MethodHandle: a constructor called once stays on the native accessor,
            // where a method handle would spin LambdaForms for every block
            return (Block) hl.lookupClass().getConstructor().newInstance();
        } catch (Throwable t) {
            throw new IllegalStateException("block compiler: " + t, t);
        }
    }

    // ---- class file -----------------------------------------------------------------------

    private static byte[] classFile(int n) {
        Pool cp = new Pool();
        int thisClass = cp.cls("org/armach/core/cpu/CompiledBlock");
        int superClass = cp.cls(BLOCK);
        int[] opField = new int[n], insnField = new int[n];
        int[] opName = new int[n], insnName = new int[n];
        int opDesc = cp.utf8("L" + OP + ";"), insnDesc = cp.utf8("L" + INSN + ";");
        for (int k = 0; k < n; k++) {
            opName[k] = cp.utf8("o" + k);
            insnName[k] = cp.utf8("i" + k);
            opField[k] = cp.ref(9, thisClass, cp.nat(opName[k], opDesc));
            insnField[k] = cp.ref(9, thisClass, cp.nat(insnName[k], insnDesc));
        }
        int pcField = cp.ref(9, cp.cls(CPU), cp.nat(cp.utf8("pc"), cp.utf8("J")));
        int npcField = cp.ref(9, cp.cls(CPU), cp.nat(cp.utf8("npc"), cp.utf8("J")));
        int icountField = cp.ref(9, cp.cls(CPU), cp.nat(cp.utf8("icount"), cp.utf8("J")));
        int exitField = cp.ref(9, cp.cls(CPU), cp.nat(cp.utf8("exitLoop"), cp.utf8("Z")));
        int exec = cp.ref(11, cp.cls(OP), cp.nat(cp.utf8("exec"), cp.utf8("(L" + CPU + ";L" + INSN + ";)V")));
        int superInit = cp.ref(10, superClass, cp.nat(cp.utf8("<init>"), cp.utf8("(I)V")));
        int lookup = cp.ref(10, cp.cls("java/lang/invoke/MethodHandles"),
                cp.nat(cp.utf8("lookup"), cp.utf8("()Ljava/lang/invoke/MethodHandles$Lookup;")));
        int classData = cp.ref(10, cp.cls("java/lang/invoke/MethodHandles"), cp.nat(cp.utf8("classData"),
                cp.utf8("(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;")));
        int dataName = cp.string(cp.utf8("_"));
        int objArray = cp.cls("[Ljava/lang/Object;");
        int opClass = cp.cls(OP), insnClass = cp.cls(INSN);
        int codeAttr = cp.utf8("Code"), smtAttr = cp.utf8("StackMapTable");
        int initName = cp.utf8("<init>"), initDesc = cp.utf8("()V");
        int clinitName = cp.utf8("<clinit>");
        int runName = cp.utf8("run"), runDesc = cp.utf8("(L" + CPU + ";)V");

        // <init>: super(n)
        Code init = new Code();
        init.u1(0x2a); // aload_0
        init.u1(0x11).u2(n); // sipush n
        init.u1(0xb7).u2(superInit); // invokespecial
        init.u1(0xb1); // return

        // <clinit>: Object[] d = classData(lookup(), "_", Object[].class); oK = (Op) d[2k]; iK = (Insn) d[2k+1]
        Code clinit = new Code();
        clinit.u1(0xb8).u2(lookup);
        clinit.u1(0x13).u2(dataName); // ldc_w
        clinit.u1(0x13).u2(objArray);
        clinit.u1(0xb8).u2(classData);
        clinit.u1(0xc0).u2(objArray); // checkcast
        clinit.u1(0x4b); // astore_0
        for (int k = 0; k < n; k++) {
            clinit.u1(0x2a).u1(0x11).u2(2 * k).u1(0x32).u1(0xc0).u2(opClass).u1(0xb3).u2(opField[k]);
            clinit.u1(0x2a).u1(0x11).u2(2 * k + 1).u1(0x32).u1(0xc0).u2(insnClass).u1(0xb3).u2(insnField[k]);
        }
        clinit.u1(0xb1);

        // run(Cpu c): locals 0 this, 1 c, 2-3 base, 4-5 n
        Code run = new Code();
        run.u1(0x2b).u1(0xb4).u2(pcField).u1(0x41); // aload_1; getfield pc; lstore_2
        java.util.List<Integer> exits = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            // c.pc = base + 4k; c.npc = base + 4k + 4
            run.u1(0x2b).u1(0x20).u1(0x11).u2(4 * k).u1(0x85).u1(0x61).u1(0xb5).u2(pcField);
            run.u1(0x2b).u1(0x20).u1(0x11).u2(4 * k + 4).u1(0x85).u1(0x61).u1(0xb5).u2(npcField);
            run.u1(0xb2).u2(opField[k]).u1(0x2b).u1(0xb2).u2(insnField[k]); // getstatic op, aload_1, getstatic insn
            run.u1(0xb9).u2(exec).u1(3).u1(0); // invokeinterface exec
            // long n = c.npc; c.pc = n; c.icount++
            run.u1(0x2b).u1(0xb4).u2(npcField).u1(0x37).u1(4); // aload_1 getfield lstore 4
            run.u1(0x2b).u1(0x16).u1(4).u1(0xb5).u2(pcField); // aload_1 lload 4 putfield
            run.u1(0x2b).u1(0x59).u1(0xb4).u2(icountField).u1(0x0a).u1(0x61).u1(0xb5).u2(icountField); // aload_1 dup getfield lconst_1 ladd putfield
            if (k < n - 1) {
                // if (n != base + 4k + 4) return; if (c.exitLoop) return
                run.u1(0x16).u1(4).u1(0x20).u1(0x11).u2(4 * k + 4).u1(0x85).u1(0x61).u1(0x94); // lload 4 lload_2 sipush i2l ladd lcmp
                exits.add(run.size());
                run.u1(0x9a).u2(0); // ifne (patched)
                run.u1(0x2b).u1(0xb4).u2(exitField); // aload_1 getfield exitLoop
                exits.add(run.size());
                run.u1(0x9a).u2(0);
            }
        }
        int ret = run.size();
        run.u1(0xb1); // return
        for (int at : exits) run.patch16(at + 1, ret - at);
        byte[] smt = null;
        if (!exits.isEmpty()) smt = new Code().u2(1).u1(251).u2(ret).toByteArray(); // same_frame_extended at the return

        Code out = new Code();
        out.u4(0xcafebabe).u2(0).u2(52);
        cp.writeTo(out);
        out.u2(0x0031).u2(thisClass).u2(superClass).u2(0); // public final super, no interfaces
        out.u2(2 * n);
        for (int k = 0; k < n; k++) {
            out.u2(0x001a).u2(opName[k]).u2(opDesc).u2(0);
            out.u2(0x001a).u2(insnName[k]).u2(insnDesc).u2(0);
        }
        out.u2(3);
        method(out, 0x0001, initName, initDesc, codeAttr, 2, 1, init, smtAttr, null);
        method(out, 0x0008, clinitName, initDesc, codeAttr, 3, 1, clinit, smtAttr, null);
        method(out, 0x0000, runName, runDesc, codeAttr, 6, 6, run, smtAttr, smt);
        out.u2(0); // class attributes
        return out.toByteArray();
    }

    private static void method(Code out, int access, int name, int desc, int codeAttr, int maxStack, int maxLocals,
            Code code, int smtAttr, byte[] smt) {
        out.u2(access).u2(name).u2(desc).u2(1);
        int attrLen = 2 + 2 + 4 + code.size() + 2 + 2 + (smt == null ? 0 : 6 + smt.length);
        out.u2(codeAttr).u4(attrLen);
        out.u2(maxStack).u2(maxLocals).u4(code.size());
        out.bytes(code.toByteArray());
        out.u2(0); // exception table
        if (smt == null) {
            out.u2(0);
        } else {
            out.u2(1).u2(smtAttr).u4(smt.length);
            out.bytes(smt);
        }
    }

    /** A growable big-endian byte buffer. */
    private static final class Code {
        private byte[] b = new byte[256];
        private int n;

        Code u1(int v) {
            if (n == b.length) b = java.util.Arrays.copyOf(b, 2 * n);
            b[n++] = (byte) v;
            return this;
        }

        Code u2(int v) { return u1(v >>> 8).u1(v); }

        Code u4(int v) { return u2(v >>> 16).u2(v); }

        Code bytes(byte[] a) {
            if (n + a.length > b.length) b = java.util.Arrays.copyOf(b, Math.max(2 * b.length, n + a.length));
            System.arraycopy(a, 0, b, n, a.length);
            n += a.length;
            return this;
        }

        void patch16(int at, int v) {
            b[at] = (byte) (v >>> 8);
            b[at + 1] = (byte) v;
        }

        int size() { return n; }

        byte[] toByteArray() { return java.util.Arrays.copyOf(b, n); }
    }

    /** The constant pool, entries deduplicated. */
    private static final class Pool {
        private final Code out = new Code();
        private final Map<String, Integer> index = new HashMap<>(); // UTF8 entries
        private int count = 1;

        private final Map<Long, Integer> pairs = new HashMap<>();

        int utf8(String s) {
            Integer i = index.get(s);
            if (i != null) return i;
            byte[] u = s.getBytes(java.nio.charset.StandardCharsets.UTF_8); // names here are ASCII
            out.u1(1).u2(u.length).bytes(u);
            index.put(s, count);
            return count++;
        }

        /** An entry made of a tag and two u2 (the second -1 for none), deduplicated. */
        private int entry(int tag, int a, int b) {
            long key = ((long) tag << 40) | ((long) a << 20) | (b & 0xfffff);
            Integer i = pairs.get(key);
            if (i != null) return i;
            out.u1(tag).u2(a);
            if (b >= 0) out.u2(b);
            pairs.put(key, count);
            return count++;
        }

        int cls(String name) { return entry(7, utf8(name), -1); }

        int string(int utf) { return entry(8, utf, -1); }

        int nat(int name, int desc) { return entry(12, name, desc); }

        /** Fieldref (9), Methodref (10) or InterfaceMethodref (11). */
        int ref(int tag, int cls, int nat) { return entry(tag, cls, nat); }

        void writeTo(Code c) {
            c.u2(count);
            c.bytes(out.toByteArray());
        }
    }
}
