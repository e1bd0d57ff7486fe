package org.ruedo.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test of every Ruedo test bundle (JUnit's extension autodetection: each test bundle's
 * {@code junit-platform.properties} and {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 * A test fails when, while it ran,
 * <ul>
 * <li>an ERROR reached the Eclipse log (the Error Log a user would see) that the test did not declare with
 * {@link AllowLoggedErrors}; or</li>
 * <li>in a workbench, a shell other than the workbench windows is still open after the test: a dialog,
 * a notice or a popup the test did not expect and close ({@link OpenShells}).</li>
 * </ul>
 * The leftover shells are listed with their texts in the failure and only then closed, so that the next test is
 * not blocked by them.
 */
public final class NoUnexpectedErrors implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoUnexpectedErrors.class);

    private static final class Recorder implements ILogListener {
        final List<IStatus> errors = new CopyOnWriteArrayList<>();

        @Override
        public void logging(IStatus status, String plugin) {
            if (status.matches(IStatus.ERROR)) {
                errors.add(status);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Recorder r = new Recorder();
        Platform.addLogListener(r);
        context.getStore(NS).put(Recorder.class, r);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Recorder r = context.getStore(NS).remove(Recorder.class, Recorder.class);
        List<String> problems = new ArrayList<>();
        if (r != null) {
            Platform.removeLogListener(r);
            List<Pattern> allowed = allowed(context);
            for (IStatus s : r.errors) {
                if (allowed.stream().noneMatch(p -> matches(p, s))) {
                    problems.add("logged ERROR: " + describe(s));
                }
            }
        }
        problems.addAll(OpenShells.closeUnexpected());
        if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        } else if (!problems.isEmpty()) {
            System.err.println(context.getDisplayName() + " also left: " + String.join("\n", problems));
        }
    }

    private static List<Pattern> allowed(ExtensionContext context) {
        List<Pattern> out = new ArrayList<>();
        context.getTestMethod().map(m -> m.getAnnotation(AllowLoggedErrors.class)).ifPresent(a -> add(out, a));
        context.getTestClass().map(c -> c.getAnnotation(AllowLoggedErrors.class)).ifPresent(a -> add(out, a));
        return out;
    }

    private static void add(List<Pattern> out, AllowLoggedErrors a) {
        for (String s : a.value()) {
            out.add(Pattern.compile(s, Pattern.DOTALL));
        }
    }

    private static boolean matches(Pattern p, IStatus s) {
        if (p.matcher(s.getMessage()).find()
                || s.getException() != null && s.getException().getMessage() != null && p.matcher(s.getException().getMessage()).find()) {
            return true;
        }
        for (IStatus c : s.getChildren()) {
            if (matches(p, c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IStatus s) {
        StringBuilder sb = new StringBuilder(s.getPlugin() + ": " + s.getMessage());
        if (s.getException() != null) {
            sb.append(" (").append(s.getException()).append(")");
        }
        for (IStatus c : s.getChildren()) {
            sb.append("\n    ").append(describe(c));
        }
        return sb.toString();
    }
}
