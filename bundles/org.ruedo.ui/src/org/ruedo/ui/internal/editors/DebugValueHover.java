package org.ruedo.ui.internal.editors;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.swt.widgets.Display;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;

/**
 * Values under the mouse while the guest is suspended (as CDT's debug hover): in C, the variable or simple
 * expression under the pointer ({@code sum}, {@code p->next}, {@code a.b[2]}) evaluated by gdb in the frame
 * selected in the Debug view, shown as {@code sum = 13}; in assembler, a register name ({@code %rax}, {@code rsp})
 * shown as its value ({@code %rax = 0x2a (42)}). Nothing while running, outside a debug session, on keywords,
 * numbers or comments. A later language-server hover is composed with this one in {@link CodeConfiguration}.
 */
public final class DebugValueHover implements ITextHover {
    /** An identifier, optionally followed by {@code .field}, {@code ->field} and {@code [digits]} parts. */
    private static final Pattern C_EXPRESSION = Pattern.compile("[A-Za-z_]\\w*(?:(?:\\.|->)[A-Za-z_]\\w*|\\[\\d+\\])*");
    private static final Pattern ASM_REGISTER = Pattern.compile("%?([a-z][a-z0-9]{1,5})");
    private static final Set<String> C_WORDS = Set.of("auto", "break", "case", "char", "const", "continue", "default", "do",
            "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict",
            "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "bool", "true", "false", "NULL", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t",
            "int16_t", "int32_t", "int64_t", "size_t", "uintptr_t", "include", "define");
    private final boolean asm;

    public DebugValueHover(boolean asm) {
        this.asm = asm;
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        IDocument doc = viewer.getDocument();
        try {
            int lineNo = doc.getLineOfOffset(offset);
            int lineStart = doc.getLineOffset(lineNo);
            String line = doc.get(lineStart, doc.getLineLength(lineNo));
            Matcher m = (asm ? Pattern.compile("%?[A-Za-z_][A-Za-z0-9_]*") : C_EXPRESSION).matcher(line);
            int at = offset - lineStart;
            while (m.find()) {
                if (m.start() <= at && at < m.end()) {
                    // in C, the expression up to the part under the pointer: hovering "p" of "p->next" shows p
                    int end = asm ? m.end() : partEnd(line, m.start(), m.end(), at);
                    return new Region(lineStart + m.start(), end - m.start());
                }
            }
        } catch (BadLocationException e) {
            // the document changed under the pointer
        }
        return null;
    }

    private static int partEnd(String line, int start, int end, int at) {
        Matcher part = Pattern.compile("(?:\\.|->)?(?:[A-Za-z_]\\w*|\\[\\d+\\])").matcher(line.substring(0, end));
        part.region(start, end);
        while (part.find()) {
            if (part.end() > at) {
                return part.end();
            }
        }
        return end;
    }

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        String text;
        try {
            text = viewer.getDocument().get(region.getOffset(), region.getLength());
        } catch (BadLocationException e) {
            return null;
        }
        String expression = expressionFor(text, asm);
        if (expression == null) {
            return null;
        }
        RuedoStackFrame frame = selectedFrame();
        if (frame == null || !frame.isSuspended()) {
            return null;
        }
        try {
            RuedoDebugTarget target = (RuedoDebugTarget) frame.getDebugTarget();
            int thread = ((RuedoThread) frame.getThread()).id();
            if (asm) {
                return text + " = " + registerValue(target.evaluate(thread, frame.frame().level(), expression));
            }
            return text + " = " + target.evaluate(thread, frame.frame().level(), expression);
        } catch (DebugException e) {
            return null; // not a variable here (a function name, a type, out of scope): no hover rather than gdb's error
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** gdb's value of a register: a plain integer also in hex ({@code 0x2a (42)}); rip, eflags and vectors as gdb says. */
    static String registerValue(String gdb) {
        try {
            long v = Long.parseLong(gdb.strip());
            return "0x" + Long.toHexString(v) + " (" + v + ")";
        } catch (NumberFormatException e) {
            return gdb;
        }
    }

    /**
     * The gdb expression for hovered text, or null when there is nothing to show: a C keyword or type, or in
     * assembler a word that is not a register.
     */
    static String expressionFor(String text, boolean asm) {
        if (asm) {
            Matcher m = ASM_REGISTER.matcher(text.toLowerCase(java.util.Locale.ROOT));
            return m.matches() && X86Registers.isRegister(m.group(1)) ? "$" + m.group(1) : null;
        }
        if (!C_EXPRESSION.matcher(text).matches() || C_WORDS.contains(text)) {
            return null;
        }
        return text;
    }

    /** The frame selected in the Debug view (its debug context), read on the UI thread. */
    private static RuedoStackFrame selectedFrame() {
        AtomicReference<Object> ctx = new AtomicReference<>();
        Display d = Display.getDefault();
        Runnable read = () -> ctx.set(DebugUITools.getDebugContext());
        if (Display.getCurrent() == d) {
            read.run();
        } else {
            d.syncExec(read);
        }
        Object o = ctx.get();
        if (o instanceof RuedoStackFrame f) {
            return f;
        }
        if (o instanceof RuedoThread t) {
            try {
                return (RuedoStackFrame) t.getTopStackFrame();
            } catch (DebugException e) {
                return null;
            }
        }
        return o instanceof IAdaptable a ? a.getAdapter(RuedoStackFrame.class) : null;
    }
}
