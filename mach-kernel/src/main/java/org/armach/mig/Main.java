package org.armach.mig;

import java.nio.file.Path;

/**
 * Command line: {@code java -cp mach-kernel.jar org.armach.mig.Main <file.defs>... <outdir>}.
 * Each defs file is read from its own directory (includes are resolved there).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: org.armach.mig.Main <file.defs>... <outdir>");
            System.exit(2);
        }
        Path out = Path.of(args[args.length - 1]);
        for (int i = 0; i < args.length - 1; i++) {
            Path defs = Path.of(args[i]).toAbsolutePath();
            Subsystem s = DefsParser.parse(DefsSource.directory(defs.getParent()), defs.getFileName().toString());
            CStubGenerator.write(s, out);
        }
    }
}
