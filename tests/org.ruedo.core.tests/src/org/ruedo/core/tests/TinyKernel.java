package org.ruedo.core.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal kernel tree for engine tests that must control {@code kernel.toml} (e.g. {@code symbols}):
 * an assembler entry that calls {@code kmain}, which calls the app's {@code main}; a linker script that
 * puts {@code .ksyms} after {@code .text} and {@code .rodata} as CONTRACTS.md §3 asks.
 */
final class TinyKernel {
    private TinyKernel() {
    }

    /** Writes the kernel under {@code dir} and returns it. */
    static Path write(Path dir, boolean symbols) throws IOException {
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("kernel.toml"), """
                # tiny test kernel
                [kernel]
                sources = ["*.S", "*.c"]
                include = ["include"]
                cflags = ["-O1"]
                linker-script = "tiny.ld"
                symbols = %s
                """.formatted(symbols));
        Files.writeString(dir.resolve("include/tiny.h"), """
                #ifndef __ASSEMBLY__
                int main(void);
                void kmain(void);
                #endif
                """);
        Files.writeString(dir.resolve("entry.S"), """
                #include <tiny.h>
                    .text
                    .globl _start
                _start:
                    call kmain
                1:  hlt
                    jmp 1b
                    .section .note.GNU-stack,"",@progbits
                """);
        Files.writeString(dir.resolve("kmain.c"), """
                #include <tiny.h>

                void kmain(void)
                {
                    main();
                }
                """);
        Files.writeString(dir.resolve("tiny.ld"), """
                ENTRY(_start)
                SECTIONS {
                    . = 0x100000;
                    .text : { *(.text*) }
                    .rodata : { *(.rodata*) }
                    .ksyms : { *(.ksyms) }
                    .data : { *(.data*) }
                    .bss : { *(.bss*) *(COMMON) }
                }
                """);
        return dir;
    }

    /** An app project using the tiny kernel: main.c only. */
    static Path app(Path dir, Path kernel, String mainBody) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unikernel.toml"), """
                [project]
                name = "tiny"
                kernel = "%s"
                """.formatted(kernel));
        Files.writeString(dir.resolve("main.c"), "#include <tiny.h>\n\nint main(void)\n{\n" + mainBody + "\n}\n");
        return dir;
    }
}
