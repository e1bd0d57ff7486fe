package org.ruedo.ui.internal.editors;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;

/** Highlighting for one language: partitions from {@link CodePartitions}, code from a rule-based scanner. */
final class CodeConfiguration extends TextSourceViewerConfiguration {
    private final boolean asm;

    CodeConfiguration(org.eclipse.jface.preference.IPreferenceStore store, boolean asm) {
        super(store);
        this.asm = asm;
    }

    /** Values of variables (C) and registers (assembler) under the mouse while suspended. */
    @Override
    public org.eclipse.jface.text.ITextHover getTextHover(ISourceViewer v, String contentType) {
        return IDocument.DEFAULT_CONTENT_TYPE.equals(contentType) ? new DebugValueHover(asm) : null;
    }

    @Override
    public String[] getConfiguredContentTypes(ISourceViewer v) {
        return new String[] { IDocument.DEFAULT_CONTENT_TYPE, CodePartitions.COMMENT, CodePartitions.STRING };
    }

    @Override
    public String getConfiguredDocumentPartitioning(ISourceViewer v) {
        return CodePartitions.PARTITIONING;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer v) {
        PresentationReconciler r = new PresentationReconciler();
        r.setDocumentPartitioning(CodePartitions.PARTITIONING);
        add(r, asm ? CodeScanners.asm() : CodeScanners.c(), IDocument.DEFAULT_CONTENT_TYPE);
        add(r, single(ColorTheme.COMMENT), CodePartitions.COMMENT);
        add(r, single(ColorTheme.STRING), CodePartitions.STRING);
        return r;
    }

    private static void add(PresentationReconciler r, ITokenScanner s, String type) {
        DefaultDamagerRepairer dr = new DefaultDamagerRepairer(s);
        r.setDamager(dr, type);
        r.setRepairer(dr, type);
    }

    private static RuleBasedScanner single(TextAttribute a) {
        RuleBasedScanner s = new RuleBasedScanner();
        s.setDefaultReturnToken(new Token(a));
        return s;
    }
}
