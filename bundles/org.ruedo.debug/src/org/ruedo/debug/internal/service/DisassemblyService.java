package org.ruedo.debug.internal.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.DataDisassemble;

/**
 * Instructions of the guest (DSF-GDB's IDisassembly): {@code -data-disassemble} mode 5, i.e. raw
 * opcodes and the source lines of the ELF's line table, in address order.
 * <p>
 * x86 instructions have no fixed length, so decoding must start on an instruction boundary. Going down
 * is easy (the next instruction starts where the last one ends). Going up starts from the function that
 * contains the address before the first one (gdb decodes a whole function from its symbol); where no
 * symbol covers it (boot code, the AP trampoline copied to low memory) decoding starts a little earlier
 * at the first offset whose instructions end exactly at the known boundary. Every list returned is
 * contiguous: each instruction starts where the previous one ends, no gaps, no duplicates.
 * <p>
 * Cache: decoded runs of instructions inside symbols of the image are kept for the session (kernel code
 * is read-only, W^X); code no symbol covers is decoded afresh every time (low memory is written at run
 * time). {@link #invalidate()} drops everything (memory written from the debugger).
 */
public final class DisassemblyService extends MIService {
    /** Longest x86 instruction. */
    private static final int MAX_INSN = 15;
    /** Contiguous decoded runs, by first address. */
    private final TreeMap<Long, List<MIInstruction>> runs = new TreeMap<>();
    private final Map<String, List<String>> sources = new ConcurrentHashMap<>();

    public DisassemblyService(MISession mi) {
        super(mi);
    }

    /** Forgets every decoded instruction. */
    public synchronized void invalidate() {
        runs.clear();
    }

    /** The instructions starting in {@code [start, end)}; {@code start} must be an instruction boundary. */
    public List<MIInstruction> range(long start, long end) throws DebugException {
        List<MIInstruction> cached = cached(start, end);
        if (cached != null) {
            return cached;
        }
        List<MIInstruction> got = contiguous(execute(DataDisassemble.range(start, end)), start);
        remember(got);
        return got;
    }

    /** The whole function containing {@code address}, or (no symbol there) a few instructions from it. */
    public List<MIInstruction> function(long address) throws DebugException {
        List<MIInstruction> got;
        try {
            got = mi.execute(DataDisassemble.function(address));
        } catch (MIException e) {
            return range(address, address + 16L * 4);
        }
        if (got.isEmpty()) {
            return range(address, address + 16L * 4);
        }
        got = contiguous(got, got.get(0).address());
        remember(got);
        return got;
    }

    /**
     * About {@code before} instructions before {@code pc} and {@code after} from it (pc's own included),
     * contiguous; fewer where memory ends.
     */
    public List<MIInstruction> around(long pc, int before, int after) throws DebugException {
        List<MIInstruction> f = function(pc);
        int at = indexOf(f, pc);
        List<MIInstruction> out = new ArrayList<>();
        if (at < 0) {
            // pc is not on an instruction boundary of the function's decoding (data in code): decode from pc
            f = range(pc, pc + (long) after * 8);
            at = 0;
        }
        out.addAll(f.subList(Math.max(0, at - before), Math.min(f.size(), at + after)));
        int have = at - Math.max(0, at - before);
        if (have < before && !out.isEmpty()) {
            out.addAll(0, up(out.get(0).address(), before - have));
        }
        int below = out.size() - indexOf(out, pc);
        if (below < after && !out.isEmpty()) {
            out.addAll(down(out.get(out.size() - 1).end(), after - below));
        }
        return out;
    }

    /** {@code count} instructions (or fewer where memory ends) starting at boundary {@code end}. */
    public List<MIInstruction> down(long end, int count) throws DebugException {
        List<MIInstruction> out = new ArrayList<>();
        long at = end;
        while (out.size() < count) {
            List<MIInstruction> got;
            try {
                got = range(at, at + (long) (count - out.size()) * 8);
            } catch (DebugException e) {
                break;                   // unmapped memory: the end
            }
            if (got.isEmpty()) {
                break;
            }
            out.addAll(got.subList(0, Math.min(got.size(), count - out.size())));
            at = out.get(out.size() - 1).end();
        }
        return out;
    }

    /** Up to {@code count} instructions that end exactly at boundary {@code start}, in address order. */
    public List<MIInstruction> up(long start, int count) throws DebugException {
        List<MIInstruction> out = new ArrayList<>();
        long first = start;
        while (out.size() < count && first > 0) {
            List<MIInstruction> got = endingAt(first);
            if (got.isEmpty()) {
                break;
            }
            int from = Math.max(0, got.size() - (count - out.size()));
            out.addAll(0, got.subList(from, got.size()));
            first = out.get(0).address();
        }
        return out;
    }

    /** Instructions ending exactly at {@code boundary}: from the function before it, else by resynchronising. */
    private List<MIInstruction> endingAt(long boundary) throws DebugException {
        List<MIInstruction> f;
        try {
            f = function(boundary - 1);
        } catch (DebugException e) {
            f = List.of();
        }
        List<MIInstruction> before = f.stream().filter(i -> i.end() <= boundary).toList();
        if (!before.isEmpty() && before.get(before.size() - 1).end() == boundary && f.get(0).function() != null) {
            return before;
        }
        // no symbol (or data inside code): start a window earlier, at the first offset that lands on boundary
        for (int back = MAX_INSN * 4; back > 0; back--) {
            if (back > boundary) {
                continue;
            }
            List<MIInstruction> got;
            try {
                got = mi.execute(DataDisassemble.range(boundary - back, boundary));
            } catch (MIException e) {
                continue;
            }
            if (!got.isEmpty() && got.get(got.size() - 1).end() == boundary) {
                return contiguous(got, got.get(0).address());
            }
        }
        return List.of();
    }

    private static int indexOf(List<MIInstruction> l, long address) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).address() == address) {
                return i;
            }
        }
        return -1;
    }

    /** The run starting at {@code start}, cut where an instruction does not start at the previous end. */
    private static List<MIInstruction> contiguous(List<MIInstruction> got, long start) {
        List<MIInstruction> out = new ArrayList<>();
        long next = start;
        for (MIInstruction i : got) {
            if (i.address() != next || i.length() == 0) {
                break;
            }
            out.add(i);
            next = i.end();
        }
        return List.copyOf(out);
    }

    private synchronized List<MIInstruction> cached(long start, long end) {
        Map.Entry<Long, List<MIInstruction>> e = runs.floorEntry(start);
        if (e == null) {
            return null;
        }
        List<MIInstruction> run = e.getValue();
        int from = indexOf(run, start);
        if (from < 0 || run.get(run.size() - 1).end() < end) {
            return null;
        }
        int to = from;
        while (to < run.size() && run.get(to).address() < end) {
            to++;
        }
        return run.subList(from, to);
    }

    private synchronized void remember(List<MIInstruction> run) {
        if (!run.isEmpty() && run.stream().allMatch(i -> i.function() != null)) {
            runs.put(run.get(0).address(), run);
        }
    }

    /** Line {@code line} (1-based) of a source file, without its line end; empty when unreadable. */
    public String sourceLine(String file, int line) {
        List<String> lines = sources.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(Path.of(f), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }
}
