package org.ruedo.core.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's crash report (docs/CONTRACTS.md §5) found in serial output.
 *
 * @param text      the whole report, header to end marker
 * @param cpu       CPU that crashed
 * @param title     e.g. "Page fault (#PF), vector 14" or a panic message
 * @param rip       faulting instruction, or 0 for software panics
 * @param function  symbol of rip (or of the first backtrace frame), may be null
 * @param backtrace frames, innermost first
 */
public record CrashReport(String text, int cpu, String title, long rip, String function, List<Frame> backtrace) {
    /**
     * One backtrace line; file/line filled in by {@link #resolve}.
     *
     * @param number the kernel's frame number: {@code #0} is the faulting RIP (CPU exceptions only), every
     *               other frame (panics start at {@code #1}; {@code (return address at rsp)}) a return address
     */
    public record Frame(int number, long addr, String symbol, String file, int line) {
        /** The address addr2line looks up: the faulting RIP as is, a return address minus 1 (the call). */
        public long lookupAddress() {
            return number == 0 ? addr : addr - 1;
        }

        /** Whether the kernel found no symbol for this frame ({@code ?}: a data page, NULL or wild address). */
        public boolean unknown() {
            return "?".equals(symbol);
        }
    }

    private static final Pattern HEADER = Pattern.compile("\\*\\*\\* KERNEL PANIC on CPU (\\d+): (.*)");
    private static final Pattern RIP = Pattern.compile("rip: 0x([0-9a-fA-F]+) <([^+>]+)");
    private static final Pattern FRAME = Pattern.compile("\\s*#(\\d+) 0x([0-9a-fA-F]+) ([^+\\s]+)");
    private static final String END = "*** END OF CRASH REPORT";

    /** The first crash report in {@code serial}, or null. A report without its end marker is still parsed. */
    public static CrashReport find(String serial) {
        int start = serial.indexOf("*** KERNEL PANIC on CPU");
        if (start < 0) {
            return null;
        }
        int end = serial.indexOf(END, start);
        String text = end < 0 ? serial.substring(start) : serial.substring(start, end + END.length());
        String[] lines = text.split("\\R");
        Matcher h = HEADER.matcher(lines[0].trim());
        int cpu = 0;
        String title = lines[0];
        if (h.matches()) {
            cpu = Integer.parseInt(h.group(1));
            title = h.group(2);
        }
        long rip = 0;
        String function = null;
        List<Frame> frames = new ArrayList<>();
        boolean inTrace = false;
        for (String l : lines) {
            Matcher r = RIP.matcher(l.trim());
            if (r.lookingAt()) {
                rip = Long.parseUnsignedLong(r.group(1), 16);
                function = r.group(2);
            }
            if (l.startsWith("backtrace:")) {
                inTrace = true;
                continue;
            }
            Matcher f = FRAME.matcher(l);
            if (inTrace && f.lookingAt()) {
                frames.add(new Frame(Integer.parseInt(f.group(1)), Long.parseUnsignedLong(f.group(2), 16), f.group(3), null, 0));
            }
        }
        if (function == null && !frames.isEmpty()) {
            function = frames.get(0).symbol();
        }
        return new CrashReport(text, cpu, title, rip, function, List.copyOf(frames));
    }

    /** Adds file:line to every frame with {@code addr2line -e elf} (binutils); unchanged when it fails. */
    public CrashReport resolve(Path addr2line, Path elf) {
        if (frames().isEmpty()) {
            return this;
        }
        List<String> cmd = new ArrayList<>(List.of(addr2line.toString(), "-e", elf.toString(), "-f"));
        for (Frame f : backtrace) {
            cmd.add("0x" + Long.toHexString(f.lookupAddress()));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                return this;
            }
            String[] l = out.split("\\R");
            List<Frame> resolved = new ArrayList<>();
            for (int i = 0; i < backtrace.size(); i++) {
                Frame f = backtrace.get(i);
                String loc = 2 * i + 1 < l.length ? l[2 * i + 1] : "??:0";
                int colon = loc.lastIndexOf(':');
                String file = colon > 0 ? loc.substring(0, colon) : null;
                int line = 0;
                if (colon > 0) {
                    String num = loc.substring(colon + 1).replaceAll("[^0-9].*", "");
                    line = num.isEmpty() ? 0 : Integer.parseInt(num);
                }
                resolved.add(file == null || file.equals("??") || line == 0 ? f : new Frame(f.number(), f.addr(), f.symbol(), file, line));
            }
            return new CrashReport(text, cpu, title, rip, function, List.copyOf(resolved));
        } catch (IOException e) {
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return this;
        }
    }

    private List<Frame> frames() {
        return backtrace;
    }

    /**
     * The innermost frame with a source location whose symbol the kernel knew, or null. A {@code ?} frame
     * (RIP on a data page, at NULL or a wild address) is skipped even when addr2line names a line for it:
     * the culprit is the caller, the {@code (return address at rsp)} frame after it. Only when every
     * resolved frame is {@code ?} (no symbol table) is the first of them taken.
     */
    public Frame firstSourceFrame() {
        return backtrace.stream().filter(f -> f.file() != null && !f.unknown()).findFirst()
                .orElseGet(() -> backtrace.stream().filter(f -> f.file() != null).findFirst().orElse(null));
    }

    /** One line: title, the function of the blamed frame (else of rip) and (if resolved) its file:line. */
    public String summary() {
        Frame f = firstSourceFrame();
        String in = f != null && !f.unknown() ? f.symbol() : function;
        return "kernel crash on CPU " + cpu + ": " + title + (in != null ? " in " + in : "")
                + (f != null ? " at " + f.file() + ":" + f.line() : "");
    }
}
