package org.ruedo.ui.internal.editors;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension3;
import org.eclipse.jface.text.IDocumentPartitioner;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.FastPartitioner;
import org.eclipse.jface.text.rules.IPredicateRule;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedPartitionScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;

/** Comments ({@code /* *}{@code /}, {@code //}) and string/char literals as document partitions, so multi-line comments colour right. */
public final class CodePartitions {
    public static final String PARTITIONING = "org.ruedo.ui.partitioning";
    public static final String COMMENT = "__ruedo_comment";
    public static final String STRING = "__ruedo_string";

    private CodePartitions() {
    }

    /** Installs the partitioner on a document. */
    public static void install(IDocument doc) {
        RuleBasedPartitionScanner scanner = new RuleBasedPartitionScanner();
        scanner.setPredicateRules(new IPredicateRule[] {
                new MultiLineRule("/*", "*/", new Token(COMMENT), (char) 0, true),
                new EndOfLineRule("//", new Token(COMMENT)),
                new SingleLineRule("\"", "\"", new Token(STRING), '\\'),
                new SingleLineRule("'", "'", new Token(STRING), '\\') });
        IDocumentPartitioner p = new FastPartitioner(scanner, new String[] { COMMENT, STRING });
        ((IDocumentExtension3) doc).setDocumentPartitioner(PARTITIONING, p);
        p.connect(doc);
    }
}
