import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated app for the scale rows: {@code files} C sources in all (the kernel's own plus app files under
 * src/ and a main.c that calls one function from each), every app file a small function with a loop
 * over a static array, so that gcc's work per file is about the same at every size.
 */
final class GeneratedProject {
    private GeneratedProject() {
    }

    /** Writes the project into {@code dir}; {@code kernelFiles} of the {@code files} are the kernel's. */
    static Path write(Path dir, Path kernel, int files, int kernelFiles) throws IOException {
        int app = files - kernelFiles - 1;      // and main.c
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"gen" + files + "\"\nkernel = \"" + kernel
                + "\"\n\n[app]\nsources = [\"*.c\", \"src/*.c\"]\ncflags = [\"-O1\"]\n");
        StringBuilder main = new StringBuilder("#include <ruedo.h>\n\n");
        for (int i = 0; i < app; i++) {
            main.append("int f").append(i).append("(int x);\n");
        }
        main.append("\nint main(void)\n{\n    int s = 0;\n");
        for (int i = 0; i < app; i++) {
            main.append("    s += f").append(i).append("(").append(i).append(");\n");
            Files.writeString(dir.resolve("src/f" + i + ".c"), "#include <ruedo.h>\n\nstatic int t[16];\n\nint f" + i
                    + "(int x)\n{\n    for (int i = 0; i < 16; i++)\n        t[i] = x * i + " + i + ";\n    return t[x % 16];\n}\n");
        }
        main.append("    printk(\"%d\\n\", s);\n    return 0;\n}\n");
        Files.writeString(dir.resolve("main.c"), main.toString());
        return dir;
    }
}
