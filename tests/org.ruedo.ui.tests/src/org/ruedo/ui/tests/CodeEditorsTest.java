package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.source.CompositeRuler;
import org.eclipse.jface.text.source.IVerticalRulerColumn;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.jface.text.source.LineNumberRulerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.ui.internal.editors.AsmEditor;
import org.ruedo.ui.internal.editors.CodeEditor;

/** Syntax colouring and line numbers of the C and assembler editors, checked against the theme and the painted ruler. */
class CodeEditorsTest {
    private static IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.assertNewUserDefaults();
        project = UiFixtures.newProject("colourdemo");
    }

    @AfterAll
    static void deleteProject() throws Exception {
        project.delete(true, true, null);
    }

    @AfterEach
    void closeEditors() throws Exception {
        UiFixtures.cleanUp(null);
    }

    private static IWorkbenchPage page() {
        return UiFixtures.page();
    }

    private static StyleRange styleOf(StyledText st, String needle) {
        int at = st.getText().indexOf(needle);
        assertTrue(at >= 0, needle);
        StyleRange r = st.getStyleRangeAtOffset(at);
        assertNotNull(r, "no style on '" + needle + "'");
        assertNotNull(r.foreground, "no colour on '" + needle + "'");
        return r;
    }

    @Test
    void cEditorColoursEachKindOfToken() throws Exception {
        IEditorPart e = IDE.openEditor(page(), project.getFile("main.c"));
        assertInstanceOf(CodeEditor.class, e, "main.c opens in the unikernel C editor by default");
        StyledText st = (StyledText) e.getAdapter(Control.class);
        Finder.waitUntil(() -> st.getStyleRanges().length > 0, 10, "the editor coloured");
        StyleRange comment = styleOf(st, "hello — the Ruedo");
        StyleRange preprocessor = styleOf(st, "#include");
        StyleRange keyword = styleOf(st, "return");
        StyleRange type = styleOf(st, "int main");
        StyleRange string = styleOf(st, "hello from Ruedo!");
        StyleRange number = styleOf(st, "2);");
        assertTrue((comment.fontStyle & SWT.ITALIC) != 0, "comments italic");
        assertTrue((keyword.fontStyle & SWT.BOLD) != 0, "keywords bold");
        List<RGB> colours = List.of(comment.foreground.getRGB(), preprocessor.foreground.getRGB(), keyword.foreground.getRGB(),
                type.foreground.getRGB(), string.foreground.getRGB(), number.foreground.getRGB());
        assertEquals(6, new HashSet<>(colours).size(), "six kinds, six colours: " + colours);
        // an identifier stays plain
        StyleRange plain = st.getStyleRangeAtOffset(st.getText().indexOf("square(2)"));
        assertTrue(plain == null || plain.foreground == null || !colours.contains(plain.foreground.getRGB()));
        assertNotNull(e.getAdapter(org.eclipse.jface.text.source.IVerticalRulerInfo.class), "a ruler");
    }

    @Test
    void assemblerEditorColoursDirectivesRegistersAndComments() throws Exception {
        IFile s = project.getFile("kernel/arch/x86_64/switch.S");
        IEditorPart e = IDE.openEditor(page(), s);
        assertInstanceOf(AsmEditor.class, e, ".S files open in the assembler editor by default");
        StyledText st = (StyledText) e.getAdapter(Control.class);
        Finder.waitUntil(() -> st.getStyleRanges().length > 0, 10, "the editor coloured");
        RGB directive = styleOf(st, ".globl").foreground.getRGB();
        RGB register = styleOf(st, "%rbx").foreground.getRGB();
        RGB comment = styleOf(st, "switch.S — the context switch").foreground.getRGB();
        assertEquals(3, Set.of(directive, register, comment).size());
        StyleRange mnemonic = st.getStyleRangeAtOffset(st.getText().indexOf("push    %rbx"));
        assertTrue(mnemonic == null || mnemonic.foreground == null || !Set.of(directive, register, comment).contains(mnemonic.foreground.getRGB()));
    }

    /** The theme colour of a token kind ({@code KEYWORD}, {@code COMMENT}, ...) the editors' scanners use. */
    static RGB themeColour(String kind) throws Exception {
        var f = Class.forName("org.ruedo.ui.internal.editors.ColorTheme").getDeclaredField(kind);
        f.setAccessible(true);
        return ((org.eclipse.jface.text.TextAttribute) f.get(null)).getForeground().getRGB();
    }

    /** A file in scratch/, which the project's {@code sources = ["*.c"]} does not build. */
    private static IFile writeFile(String name, String text) throws Exception {
        var dir = project.getFolder("scratch");
        if (!dir.exists()) {
            dir.create(true, true, null);
        }
        IFile f = dir.getFile(name);
        var in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (f.exists()) {
            f.setContents(in, true, false, null);
        } else {
            f.create(in, true, null);
        }
        return f;
    }

    /** Bands of pixel rows [first, last] in which the image has anything not of its most common colour. */
    private static List<int[]> inkBands(ImageData d) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < d.height; y++) {
            for (int x = 0; x < d.width; x++) {
                counts.merge(d.getPixel(x, y), 1, Integer::sum);
            }
        }
        RGB bg = d.palette.getRGB(counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
        List<int[]> bands = new ArrayList<>();
        int start = -1;
        for (int y = 0; y <= d.height; y++) {
            boolean ink = false;
            for (int x = 0; y < d.height && x < d.width && !ink; x++) {
                RGB c = d.palette.getRGB(d.getPixel(x, y));
                ink = Math.abs(c.red - bg.red) + Math.abs(c.green - bg.green) + Math.abs(c.blue - bg.blue) > 90;
            }
            if (ink && start < 0) {
                start = y;
            } else if (!ink && start >= 0) {
                bands.add(new int[] { start, y - 1 });
                start = -1;
            }
        }
        return bands;
    }

    @Test
    void cEditorShowsALineNumberForEachLine() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            text.append("int v").append(i).append(" = ").append(i).append(";").append(i < 20 ? "\n" : "");
        }
        IFile f = writeFile("twenty.c", text.toString());
        IEditorPart e = IDE.openEditor(page(), f);
        assertInstanceOf(CodeEditor.class, e);
        page().setPartState(page().getReference(e), IWorkbenchPage.STATE_MAXIMIZED);
        StyledText st = (StyledText) e.getAdapter(Control.class);
        assertEquals(20, st.getLineCount());
        Finder.waitUntil(() -> st.getLinePixel(19) + st.getLineHeight() <= st.getClientArea().height, 10,
                "all 20 lines fit in the maximized editor");

        IVerticalRulerInfo info = e.getAdapter(IVerticalRulerInfo.class);
        assertInstanceOf(CompositeRuler.class, info, "the editor's vertical ruler");
        // the text editors' contributed line-number column (it delegates to a LineNumberRulerColumn), or a plain one
        IVerticalRulerColumn numbers = null;
        List<String> columns = new ArrayList<>();
        for (Iterator<IVerticalRulerColumn> it = ((CompositeRuler) info).getDecoratorIterator(); it.hasNext();) {
            IVerticalRulerColumn c = it.next();
            columns.add(c.getClass().getName());
            if (c instanceof org.eclipse.ui.internal.texteditor.LineNumberColumn lc) {
                assertTrue(lc.isShowingLineNumbers(), "the line-number column shows line numbers");
                numbers = c;
            } else if (c instanceof LineNumberRulerColumn) {
                numbers = c;
            }
        }
        assertNotNull(numbers, "a line-number column in the editor's ruler: " + columns);
        Control canvas = numbers.getControl();
        assertTrue(canvas.isVisible() && numbers.getWidth() > 0, "the line-number column is shown");
        Point size = canvas.getSize();
        assertTrue(size.y >= st.getClientArea().height - 2, "the column runs along the text: " + size);

        // what the column paints: one band of digits per text line, each beside its line, nothing below the last
        Image img = new Image(Finder.display(), size.x, size.y);
        try {
            GC gc = new GC(img);
            assertTrue(canvas.print(gc), "the ruler paints into an image");
            gc.dispose();
            List<int[]> bands = inkBands(img.getImageData());
            List<Integer> linesOfBands = new ArrayList<>();
            for (int[] b : bands) {
                Point inText = Finder.display().map(canvas, st, 0, (b[0] + b[1]) / 2);
                linesOfBands.add(st.getLineIndex(inText.y));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(i);
            }
            assertEquals(expected, linesOfBands, "one number beside each of the 20 lines (bands at rows "
                    + bands.stream().map(b -> b[0] + "-" + b[1]).toList() + ")");
            int lastLineBottom = Finder.display().map(st, canvas, 0, st.getLinePixel(19) + st.getLineHeight()).y;
            assertTrue(bands.get(bands.size() - 1)[1] < lastLineBottom, "nothing drawn below line 20");
        } finally {
            img.dispose();
            page().setPartState(page().getReference(e), IWorkbenchPage.STATE_RESTORED);
        }
    }

    @Test
    void assemblerEditorColoursNumbersStringsAndPreprocessorLines() throws Exception {
        IFile s = writeFile("demo.S", """
                #include <ruedo.h>
                #define PORT 0xf4
                    .section .rodata
                greeting:
                    .ascii "hi there"
                    .text
                    .globl demo
                demo:
                    mov     $0x10, %eax    # sixteen
                    mov     $PORT, %dx
                    ret
                """);
        IEditorPart e = IDE.openEditor(page(), s);
        assertInstanceOf(AsmEditor.class, e);
        StyledText st = (StyledText) e.getAdapter(Control.class);
        Finder.waitUntil(() -> st.getStyleRanges().length > 0, 10, "the editor coloured");
        assertEquals(themeColour("PREPROCESSOR"), styleOf(st, "#include").foreground.getRGB());
        assertEquals(themeColour("PREPROCESSOR"), styleOf(st, "ruedo.h>").foreground.getRGB(), "the whole #include line");
        assertEquals(themeColour("PREPROCESSOR"), styleOf(st, "0xf4").foreground.getRGB(), "the whole #define line");
        assertEquals(themeColour("STRING"), styleOf(st, "\"hi there\"").foreground.getRGB());
        assertEquals(themeColour("STRING"), styleOf(st, "there\"").foreground.getRGB());
        assertEquals(themeColour("NUMBER"), styleOf(st, "$0x10").foreground.getRGB());
        assertEquals(themeColour("NUMBER"), styleOf(st, "0x10,").foreground.getRGB(), "the immediate's digits too");
        assertEquals(themeColour("COMMENT"), styleOf(st, "# sixteen").foreground.getRGB());
        assertEquals(themeColour("KEYWORD"), styleOf(st, ".ascii").foreground.getRGB());
        assertEquals(themeColour("TYPE"), styleOf(st, "%eax").foreground.getRGB());
        assertEquals(5, Set.of(themeColour("PREPROCESSOR"), themeColour("STRING"), themeColour("NUMBER"),
                themeColour("COMMENT"), themeColour("KEYWORD")).size());
        // a symbolic immediate is not a number, a label is plain
        StyleRange sym = st.getStyleRangeAtOffset(st.getText().indexOf("$PORT"));
        assertTrue(sym == null || sym.foreground == null || !sym.foreground.getRGB().equals(themeColour("NUMBER")), "$PORT");
        StyleRange label = st.getStyleRangeAtOffset(st.getText().indexOf("greeting:"));
        assertTrue(label == null || label.foreground == null, "a label stays plain");
    }
}
