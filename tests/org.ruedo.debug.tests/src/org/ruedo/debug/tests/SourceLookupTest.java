package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.sourcelookup.RuedoSourceLookupParticipant;

/** DWARF paths to workspace files. */
class SourceLookupTest extends DebugTestBase {
    @Test
    void dwarfPathsFromAnotherMachineMapByTheirTail() {
        Object[] found = RuedoSourceLookupParticipant.find("/home/builder/elsewhere/dbg/kernel/lib/printk.c");
        assertEquals(1, found.length);
        assertEquals(project.getFile("kernel/lib/printk.c"), found[0]);
        assertEquals(0, RuedoSourceLookupParticipant.find("/home/builder/elsewhere/no-such-file.c").length);
    }
}
