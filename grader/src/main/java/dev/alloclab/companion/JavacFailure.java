package dev.alloclab.companion;

/**
 * What to tell a learner whose code made javac itself fail. javac run through {@code javax.tools} catches its own
 * {@code StackOverflowError} (an expression nested thousands of levels deep) or {@code OutOfMemoryError}, writes its
 * stack trace to its output writer, reports no error of the code's own and writes no class file: without this
 * sentence the grader and {@code check} would go on as if the code had compiled, and every class would be missing.
 * {@code mvn test} stops on such code too ("The system is out of resources").
 *
 * <p>INTERNAL.
 */
public final class JavacFailure {
    private JavacFailure() {
    }

    /**
     * Follows the file javac is working on (added as a task listener): javac's own failure carries no file, and the
     * file it had started a step on last is the one it failed on.
     */
    public static final class Reading implements com.sun.source.util.TaskListener {
        private javax.tools.JavaFileObject file;

        @Override
        public void started(com.sun.source.util.TaskEvent event) {
            if (event.getSourceFile() != null) {
                file = event.getSourceFile();
            }
        }

        /** The file of the last step javac started, or null before the first. */
        public javax.tools.JavaFileObject file() {
            return file;
        }
    }

    /** The sentence for a javac call that failed with no error diagnostic, from what javac wrote ({@code javacOutput}). */
    public static String sentence(String javacOutput) {
        if (javacOutput.contains("java.lang.StackOverflowError")) {
            return "javac ran out of stack: an expression or a statement nested thousands of levels deep is more than "
                    + "the compiler can read. Write it as several smaller ones.";
        }
        if (javacOutput.contains("java.lang.OutOfMemoryError")) {
            return "javac ran out of memory: the code is far larger than any exercise answer should be (generated "
                    + "code, or a huge constant?). Write it smaller.";
        }
        String thrown = javacOutput.lines().map(String::strip)
                .filter(l -> l.matches("^[a-z][\\w.]*\\.[A-Z]\\w*(Exception|Error)\\b.*")).findFirst()
                .orElse("an error of its own");
        return "javac failed (" + thrown + ") although it found no error in the code. Simplify the code it was "
                + "reading, or ask your instructor.";
    }
}
