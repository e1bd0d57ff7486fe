package org.ruedo.debug.mi;

/** One line of GDB/MI output, as parsed by {@link MIParser}. */
public sealed interface MIRecord permits MIRecord.Result, MIRecord.Async, MIRecord.Stream, MIRecord.Prompt, MIRecord.Unparsed {

    /** {@code [token]^class[,results]}: the answer to a command. */
    record Result(Integer token, String resultClass, MIValue.Tuple results) implements MIRecord {
        public boolean isError() {
            return resultClass.equals("error");
        }

        /** The {@code msg} of an {@code ^error}. */
        public String errorMessage() {
            return results.str("msg");
        }
    }

    /** Kinds of async records. */
    enum AsyncKind {
        /** {@code *}: execution state changed (running, stopped). */
        EXEC,
        /** {@code +}: progress of a slow operation. */
        STATUS,
        /** {@code =}: something the client should know (threads, breakpoints, libraries). */
        NOTIFY
    }

    /** {@code [token](*|+|=)class[,results]}. */
    record Async(Integer token, AsyncKind kind, String asyncClass, MIValue.Tuple results) implements MIRecord {
    }

    /** Kinds of stream records. */
    enum StreamKind {
        /** {@code ~}: CLI console output. */
        CONSOLE,
        /** {@code @}: output of the target program. */
        TARGET,
        /** {@code &}: gdb's internal log (echoed commands, errors). */
        LOG
    }

    /** {@code (~|@|&)c-string}. */
    record Stream(StreamKind kind, String text) implements MIRecord {
    }

    /** The {@code (gdb)} prompt. */
    record Prompt() implements MIRecord {
    }

    /** A line that is not valid MI (garbage, or output of a child process); kept, never fatal. */
    record Unparsed(String line, String error) implements MIRecord {
    }
}
