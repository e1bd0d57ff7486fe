package org.ruedo.debug.mi.commands;

import java.util.List;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -data-disassemble} in mode 5 (raw opcodes and source lines, in address order: gdb's
 * {@code disassemble /rs}), over an address range or over the whole function around an address.
 *
 * <pre>
 * -&gt; 20-data-disassemble -s 0x104259 -e 0x10426d -- 5
 * &lt;- 20^done,asm_insns=[src_and_asm_line={line="31",file="/p/main.c",fullname="/p/main.c",line_asm_insn=[
 *        {address="0x0000000000104259",func-name="main",offset="0",opcodes="55",inst="push   %rbp"},
 *        {address="0x000000000010425a",func-name="main",offset="1",opcodes="48 89 e5",inst="mov    %rsp,%rbp"},...]},
 *        src_and_asm_line={line="32",...,line_asm_insn=[...]}]
 *
 * the whole function containing an address
 * -&gt; 21-data-disassemble -a 0x1008fe -- 5
 *
 * no line information (boot code, data): bare instructions
 * -&gt; 22-data-disassemble -s 0x100000 -e 0x100008 -- 5
 * &lt;- 22^done,asm_insns=[{address="0x0000000000100000",func-name="_load_start",offset="0",opcodes="02 b0 ad 1b 02 00",inst="add    0x21bad(%rax),%dh"},...]
 *
 * unmapped memory
 * -&gt; 23-data-disassemble -s 0x8000 -e 0x8010 -- 5
 * &lt;- 23^error,msg="Cannot access memory at address 0x8000"
 * </pre>
 */
public final class DataDisassemble extends MICommand<List<MIInstruction>> {
    private DataDisassemble(String... args) {
        super("-data-disassemble", args);
    }

    /** The instructions that start in {@code [start, end)}. */
    public static DataDisassemble range(long start, long end) {
        return new DataDisassemble("-s", hex(start), "-e", hex(end), "--", "5");
    }

    /** The whole function containing {@code address}. */
    public static DataDisassemble function(long address) {
        return new DataDisassemble("-a", hex(address), "--", "5");
    }

    private static String hex(long a) {
        return "0x" + Long.toHexString(a);
    }

    @Override
    public List<MIInstruction> result(MIRecord.Result done) {
        return MIInstruction.listOf(done.results().list("asm_insns"));
    }
}
