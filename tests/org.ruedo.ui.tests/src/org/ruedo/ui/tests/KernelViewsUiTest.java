package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.qmp.QemuMonitors;
import org.ruedo.launch.qmp.commands.HumanMonitorCommand;
import org.ruedo.ui.internal.UnikernelPerspective;
import org.ruedo.ui.internal.debug.kernel.KernelViewsAccess;
import org.ruedo.ui.internal.debug.kernel.LiveWatchView;
import org.ruedo.ui.internal.debug.kernel.MachineStateView;

/** The Unikernel CPU State and Live Watch views on a running (Run mode) unikernel, through their widgets. */
class KernelViewsUiTest {

    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.assertNewUserDefaults();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, page.getWorkbenchWindow());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (!l.isTerminated()) {
                l.terminate();
            }
        }
        Finder.waitUntil(() -> Arrays.stream(DebugPlugin.getDefault().getLaunchManager().getLaunches()).allMatch(ILaunch::isTerminated),
                30, "launches terminated");
        Finder.pump(300);
        if (project != null) {
            project.delete(true, true, null);
        }
        assertEquals(0, UiFixtures.live("kviews.img"), "no QEMU left");
    }

    private IProcess runSpinner() throws Exception {
        project = UiFixtures.newProject("kviews");
        project.getFile("main.c").setContents(new ByteArrayInputStream(org.ruedo.tests.support.KernelTestApps.SPINNERS.getBytes(StandardCharsets.UTF_8)), true, false, null);
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, "kviews run");
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, project.getName());
        wc.setAttribute(LaunchConstants.ATTR_CPUS, 2);
        ILaunch launch = wc.launch(ILaunchManager.RUN_MODE, null);
        Finder.waitUntil(() -> launch.getProcesses().length > 0, 180, "QEMU started");
        IProcess p = launch.getProcesses()[0];
        Finder.waitUntil(() -> ((org.ruedo.launch.UnikernelProcess) p).serialText().contains("spinners ready on 2 CPUs") || p.isTerminated(),
                120, "the spinners to run");
        return p;
    }

    private static long hexAfter(String text, String key) {
        Matcher m = Pattern.compile("\\b" + key + "=([0-9a-f]+)").matcher(text);
        assertTrue(m.find(), key + " in " + text);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    /** Brings the view to the front, maximized (the console pops up on the guest's output), and saves a screenshot. */
    private static Path shoot(IWorkbenchPage page, org.eclipse.ui.IViewPart view, String name) {
        page.activate(view);
        page.bringToTop(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Finder.pump(300);
        Finder.waitUntil(() -> page.getActivePart() == view, 10, name + ": the view is the active part");
        return Finder.screenshot(page.getWorkbenchWindow().getShell(), name);
    }

    private static TreeItem row(TreeItem[] items, String name) {
        for (TreeItem i : items) {
            if (i.getText(0).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row " + name + " in " + Arrays.stream(items).map(i -> i.getText(0)).toList());
    }

    @Test
    void cpuStateShowsDecodedRegistersTablesAndPageWalks() throws Exception {
        IProcess p = runSpinner();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        MachineStateView view = (MachineStateView) page.showView(MachineStateView.ID);
        KernelViewsAccess v = new KernelViewsAccess(view);
        Finder.waitUntil(() -> v.statusLabel().getText().contains(", RIP"), 60, "a first read; status: " + v.statusLabel().getText());
        assertEquals(2, v.cpuCombo().getItemCount(), "one entry per vCPU");
        v.cpuCombo().select(1);
        v.cpuCombo().notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Finder.waitUntil(() -> v.statusLabel().getText().contains("CPU 1, RIP"), 60, "CPU 1 read; status: " + v.statusLabel().getText());
        String raw = QemuMonitors.of(p).execute(new HumanMonitorCommand("info registers", 1));
        for (String reg : new String[] { "CR0", "CR4", "EFER" }) {
            TreeItem top = row(v.registersTree().getItems(), reg);
            long value = hexAfter(raw, reg);
            assertEquals(String.format("0x%016x", value), top.getText(2), reg + " value as info registers prints it");
            for (TreeItem bit : top.getItems()) {
                String bits = bit.getText(1);
                if (!bits.contains(":") && !bit.getText(0).startsWith("bit ")) {
                    int b = Integer.parseInt(bits);
                    assertEquals((value >>> b & 1) == 1 ? "1" : "0", bit.getText(2), reg + "." + bit.getText(0));
                }
            }
        }
        assertEquals("1", row(row(v.registersTree().getItems(), "CR0").getItems(), "PG").getText(2));
        assertEquals(String.format("0x%x", hexAfter(raw, "CR3") & ~0xfffL), row(row(v.registersTree().getItems(), "CR3").getItems(), "PML4").getText(2));
        assertEquals("1", row(row(v.registersTree().getItems(), "EFER").getItems(), "LMA").getText(2));
        shoot(page, view, "machine-state-registers");

        TabFolder tabs = v.tabs();
        assertEquals("[Control registers, GDT, IDT, Page walk, Local APIC]", Arrays.stream(tabs.getItems()).map(i -> i.getText()).toList().toString());
        tabs.setSelection(1);
        Finder.pump(100);
        assertEquals("0x0038-0x0090", v.gdtTable().getItem(v.gdtTable().getItemCount() - 1).getText(0), "unused entries in one row");
        TableItem cs = Arrays.stream(v.gdtTable().getItems()).filter(i -> i.getText(0).equals("0x0008")).findFirst().orElseThrow();
        assertEquals("code", cs.getText(1));
        assertTrue(cs.getText(2).startsWith("64-bit, readable"), cs.getText(2));
        shoot(page, view, "machine-state-gdt");
        tabs.setSelection(2);
        TableItem pf = Arrays.stream(v.idtTable().getItems()).filter(i -> i.getText(0).equals("14 #PF")).findFirst().orElseThrow();
        assertTrue(!pf.getText(6).isEmpty(), "the #PF handler's symbol");
        shoot(page, view, "machine-state-idt");

        tabs.setSelection(3);
        Finder.pump(100);
        v.walkAddress().setText("0x8000000000");
        Finder.click(v.walkButton());
        Finder.waitUntil(() -> v.walkSummary().getText().contains("not present"), 30, "the guard page walk: " + v.walkSummary().getText());
        assertEquals("0x8000000000: not present (PTE 0 has P clear)", v.walkSummary().getText());
        assertEquals(4, v.walkLevels().getItemCount());
        assertEquals("not present", v.walkLevels().getItem(3).getText(4));
        shoot(page, view, "machine-state-pagewalk-guard");
        v.walkAddress().setText("main");
        Finder.click(v.walkButton());
        Finder.waitUntil(() -> v.walkSummary().getText().contains(": present"), 30, "the walk of main: " + v.walkSummary().getText());
        // the oracle: QEMU's own "info mem" protection of the range holding main (-rw or -r-)
        long main = Long.parseUnsignedLong(v.walkSummary().getText().replaceAll("^0x([0-9a-f]+):.*", "$1"), 16);
        String prot = org.ruedo.tests.support.QemuMonitorText.infoMemProtection(
                QemuMonitors.of(p).execute(new HumanMonitorCommand("info mem", 1)), main);
        assertNotNull(prot, "info mem has main's page");
        assertTrue(v.walkSummary().getText().contains(prot.contains("w") ? ", writable, " : ", read-only, "),
                "info mem says " + prot + " for main: " + v.walkSummary().getText());
        shoot(page, view, "machine-state-pagewalk");
        tabs.setSelection(4);
        Finder.pump(100);
        assertTrue(Arrays.stream(v.lapicTable().getItems()).anyMatch(i -> i.getText(0).equals("LVTT")), "LVT timer row");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
    }

    @Test
    void liveWatchUpdatesGlobalsOfARunningGuestAndExplainsWhatItCannotWatch() throws Exception {
        IProcess p = runSpinner();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        LiveWatchView view = (LiveWatchView) page.showView(LiveWatchView.ID);
        KernelViewsAccess v = new KernelViewsAccess(view);
        v.clear();
        assertEquals("4 Hz", v.rateCombo().getText(), "default rate");
        for (String e : new String[] { "ticks+0:u64", "ticks+8:u64", "ticks", "spinner_count" }) {
            Finder.type(v.input(), e);
            v.input().notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
            Finder.pump(50);
        }
        Table t = v.table();
        Finder.waitUntil(() -> t.getItemCount() == 4, 10, "four rows");
        Color[] highlight = new Color[1];
        Set<String> values = new HashSet<>();
        Finder.waitUntil(() -> {
            TableItem it = t.getItem(0);
            values.add(it.getText(3));
            if (it.getBackground(3) != null && !it.getBackground(3).equals(t.getBackground())) {
                highlight[0] = it.getBackground(3);
            }
            return values.size() >= 4 && highlight[0] != null && !t.getItem(1).getText(6).isEmpty()
                    && Long.parseLong(t.getItem(1).getText(6)) >= 2;
        }, 60, "ticks[0] and ticks[1] changing; seen " + values);
        assertEquals("u64", t.getItem(0).getText(2));
        assertTrue(t.getItem(0).getText(1).startsWith("0x"), t.getItem(0).getText(1));
        long min = Long.parseLong(t.getItem(0).getText(4).replaceAll(" .*", ""));
        long max = Long.parseLong(t.getItem(0).getText(5).replaceAll(" .*", ""));
        assertTrue(min < max, "min " + min + " < max " + max);
        assertEquals("not watched (see below)", t.getItem(2).getText(3));
        assertEquals("not watched (see below)", t.getItem(3).getText(3));
        String[] why = v.problemsLabel().getText().split("\n");
        assertEquals("ticks: 'ticks' is 64 bytes: say which part to watch, e.g. ticks+0:u32 or ticks+8:u64", why[0]);
        assertTrue(why[1].startsWith("spinner_count: 'spinner_count' is not a global or static variable of the image: a local lives on "
                + "its thread's stack"), why[1]);
        assertTrue(v.statusLabel().getText().contains("sampling at 4 Hz"), v.statusLabel().getText());
        assertNotNull(p);
        Finder.pump(1500);      // a few more samples so the sparklines have a shape
        Path shot = shoot(page, view, "live-watch");
        assertTrue(Files.size(shot) > 0);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        v.clear();
    }
}
