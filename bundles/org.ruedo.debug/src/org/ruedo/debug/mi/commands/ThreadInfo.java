package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIThread;

/**
 * {@code -thread-info}.
 *
 * <pre>
 * -&gt; 60-thread-info
 * &lt;- 60^done,threads=[{id="1",target-id="Thread 1.1",name="CPU#0",frame={...},state="stopped"},{id="2",...}],current-thread-id="1"
 * </pre>
 */
public final class ThreadInfo extends MICommand<java.util.List<MIThread>> {
    public ThreadInfo() {
        super("-thread-info");
    }

    @Override
    public java.util.List<MIThread> result(MIRecord.Result done) {
        return done.results().list("threads").tuples().stream().map(MIThread::of).toList();
    }
}
