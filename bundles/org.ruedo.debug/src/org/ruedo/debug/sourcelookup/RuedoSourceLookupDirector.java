package org.ruedo.debug.sourcelookup;

import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.ISourceLookupParticipant;

/** Source lookup for Ruedo debug sessions (see {@link RuedoSourceLookupParticipant}). */
public class RuedoSourceLookupDirector extends AbstractSourceLookupDirector {
    /** Id in plugin.xml. */
    public static final String ID = "org.ruedo.debug.sourceLocator";

    @Override
    public void initializeParticipants() {
        addParticipants(new ISourceLookupParticipant[] { new RuedoSourceLookupParticipant() });
    }
}
