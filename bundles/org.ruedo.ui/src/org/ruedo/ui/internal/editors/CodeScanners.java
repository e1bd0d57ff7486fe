package org.ruedo.ui.internal.editors;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.eclipse.jface.text.rules.WordRule;

/** Rule-based scanners for the code partitions of C and GNU assembler files. */
public final class CodeScanners {
    /** C keywords. */
    public static final String[] C_KEYWORDS = { "auto", "break", "case", "const", "continue", "default", "do", "else",
            "enum", "extern", "for", "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static",
            "struct", "switch", "typedef", "union", "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Noreturn",
            "_Static_assert", "_Thread_local", "__asm__", "asm", "__attribute__", "__volatile__", "NULL", "true", "false" };
    /** C types. */
    public static final String[] C_TYPES = { "void", "char", "short", "int", "long", "float", "double", "signed",
            "unsigned", "_Bool", "bool", "size_t", "ssize_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t",
            "int16_t", "int32_t", "int64_t", "uintptr_t", "intptr_t", "va_list", "thread_t", "thread_fn" };

    private CodeScanners() {
    }

    /** Scanner of C code (outside comments and strings). */
    public static RuleBasedScanner c() {
        IToken kw = new Token(ColorTheme.KEYWORD);
        IToken type = new Token(ColorTheme.TYPE);
        IToken other = new Token(ColorTheme.DEFAULT);
        List<IRule> rules = new ArrayList<>();
        rules.add(new PreprocessorRule(new Token(ColorTheme.PREPROCESSOR)));
        rules.add(new WhitespaceRule(Character::isWhitespace));
        rules.add(new NumberRule(new Token(ColorTheme.NUMBER)));
        WordRule words = new WordRule(new IdentifierDetector(false), other);
        for (String k : C_KEYWORDS) {
            words.addWord(k, kw);
        }
        for (String t : C_TYPES) {
            words.addWord(t, type);
        }
        rules.add(words);
        RuleBasedScanner s = new RuleBasedScanner();
        s.setRules(rules.toArray(IRule[]::new));
        s.setDefaultReturnToken(other);
        return s;
    }

    /** Scanner of GNU assembler code: directives as keywords, %registers as types, numbers, # comments. */
    public static RuleBasedScanner asm() {
        IToken kw = new Token(ColorTheme.KEYWORD);
        IToken type = new Token(ColorTheme.TYPE);
        IToken other = new Token(ColorTheme.DEFAULT);
        List<IRule> rules = new ArrayList<>();
        rules.add(new PreprocessorRule(new Token(ColorTheme.PREPROCESSOR)));
        rules.add(new EndOfLineRule("# ", new Token(ColorTheme.COMMENT)));
        rules.add(new SingleLineRule("'", "'", new Token(ColorTheme.STRING), '\\'));
        rules.add(new WhitespaceRule(Character::isWhitespace));
        rules.add(new NumberRule(new Token(ColorTheme.NUMBER)));
        rules.add(new PrefixedWordRule('.', kw));
        rules.add(new PrefixedWordRule('%', type));
        rules.add(new WordRule(new IdentifierDetector(false), other));
        RuleBasedScanner s = new RuleBasedScanner();
        s.setRules(rules.toArray(IRule[]::new));
        s.setDefaultReturnToken(other);
        return s;
    }

    static final class IdentifierDetector implements IWordDetector {
        private final boolean dots;

        IdentifierDetector(boolean dots) {
            this.dots = dots;
        }

        @Override
        public boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        @Override
        public boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || (dots && c == '.');
        }
    }

    /** A {@code #directive} at the start of a line (after blanks): the whole line. */
    static final class PreprocessorRule implements IRule {
        private final IToken token;

        PreprocessorRule(IToken token) {
            this.token = token;
        }

        @Override
        public IToken evaluate(ICharacterScanner s) {
            if (s.getColumn() != 0) {
                return Token.UNDEFINED;
            }
            int read = 0;
            int c = s.read();
            read++;
            while (c == ' ' || c == '\t') {
                c = s.read();
                read++;
            }
            if (c != '#') {
                for (int i = 0; i < read; i++) {
                    s.unread();
                }
                return Token.UNDEFINED;
            }
            int next = s.read();
            if (next != ICharacterScanner.EOF && !Character.isLetter(next)) {   // "# comment" in assembler
                s.unread();
                for (int i = 0; i < read; i++) {
                    s.unread();
                }
                return Token.UNDEFINED;
            }
            do {
                c = s.read();
            } while (c != '\n' && c != '\r' && c != ICharacterScanner.EOF);
            s.unread();
            return token;
        }
    }

    /** Decimal, hex ({@code 0x..}) and suffixed integer literals. */
    static final class NumberRule implements IRule {
        private final IToken token;

        NumberRule(IToken token) {
            this.token = token;
        }

        @Override
        public IToken evaluate(ICharacterScanner s) {
            int c = s.read();
            if (c == '$') {                 // assembler immediate $123
                int d = s.read();
                s.unread();
                if (!Character.isDigit(d)) {
                    s.unread();
                    return Token.UNDEFINED;
                }
                c = s.read();
            }
            if (!Character.isDigit(c)) {
                s.unread();
                return Token.UNDEFINED;
            }
            do {
                c = s.read();
            } while (Character.isLetterOrDigit(c) || c == '.');
            s.unread();
            return token;
        }
    }

    /** A word starting with a fixed character ({@code .section}, {@code %rax}). */
    static final class PrefixedWordRule implements IRule {
        private final char prefix;
        private final IToken token;

        PrefixedWordRule(char prefix, IToken token) {
            this.prefix = prefix;
            this.token = token;
        }

        @Override
        public IToken evaluate(ICharacterScanner s) {
            int c = s.read();
            if (c != prefix) {
                s.unread();
                return Token.UNDEFINED;
            }
            int n = 0;
            while (true) {
                c = s.read();
                if (!(Character.isLetterOrDigit(c) || c == '_')) {
                    s.unread();
                    break;
                }
                n++;
            }
            if (n == 0) {
                s.unread();
                return Token.UNDEFINED;
            }
            return token;
        }
    }
}
