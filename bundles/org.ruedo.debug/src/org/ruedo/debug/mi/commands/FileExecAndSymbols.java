package org.ruedo.debug.mi.commands;

import java.nio.file.Path;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -file-exec-and-symbols}: loads the ELF (symbols and DWARF). Loading the 64-bit kernel ELF
 * before connecting makes gdb speak i386:x86-64 to QEMU even while the CPU is still in 16/32-bit mode.
 *
 * <pre>
 * -&gt; 3-file-exec-and-symbols "/home/me/hello/build/hello.elf"
 * &lt;- 3^done
 * </pre>
 */
public final class FileExecAndSymbols extends MICommand<Void> {
    public FileExecAndSymbols(Path elf) {
        super("-file-exec-and-symbols", MIParser.quote(elf.toString()));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
