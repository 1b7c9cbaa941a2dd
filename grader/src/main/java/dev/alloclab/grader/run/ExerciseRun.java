package dev.alloclab.grader.run;

import java.util.List;
import java.util.Map;

/**
 * What the grading JVM reported for one exercise, or what happened to it instead.
 *
 * @param id           the exercise id
 * @param studentTests the student's own tests (informational; they drive coverage)
 * @param hiddenTests  every hidden test that finished, with its outcome
 * @param plannedHidden the names of the hidden tests that were discovered (those that never
 *                     finished count as failed)
 * @param entries      measurements the hidden suite published ({@code alloclab.*} keys)
 * @param coverage     JaCoCo execution data of the student's tests (may be empty)
 * @param incident     null, or one sentence on what stopped the exercise (timeout, exit, crash)
 * @param ownTestsStopped null, or one sentence saying that the student's own tests stopped the hidden suite from
 *                     having the exercise's time to itself (they used up the limit, ended the grading JVM, or left
 *                     the hidden suite too little time), so the hidden suite ran again on its own in a fresh grading
 *                     JVM (see {@link SubmissionRunner})
 * @param coverageUnmeasured null when the student's coverage is measured as usual, else why it cannot be (the own
 *                     tests did not end: "your own tests ran past the exercise's time limit")
 */
public record ExerciseRun(String id,
        List<TestOutcome> studentTests,
        List<TestOutcome> hiddenTests,
        List<String> plannedHidden,
        Map<String, String> entries,
        byte[] coverage,
        String incident,
        String ownTestsStopped,
        String coverageUnmeasured) {

    public ExerciseRun(String id, List<TestOutcome> studentTests, List<TestOutcome> hiddenTests, List<String> plannedHidden,
            Map<String, String> entries, byte[] coverage, String incident) {
        this(id, studentTests, hiddenTests, plannedHidden, entries, coverage, incident, null, null);
    }

    /** A run that never produced results. */
    public static ExerciseRun stopped(String id, String incident) {
        return new ExerciseRun(id, List.of(), List.of(), List.of(), Map.of(), new byte[0], incident);
    }

    /**
     * This run of the hidden suite alone, told that the student's own tests were stopped first ({@code why}), so that
     * their coverage is not known ({@code coverageReason}).
     */
    ExerciseRun afterOwnTestsStopped(String why, String coverageReason) {
        return new ExerciseRun(id, List.of(), hiddenTests, plannedHidden, entries, new byte[0], incident, why,
                coverageReason);
    }

    /**
     * This run of the hidden suite alone, with the own tests and their coverage of {@code first}, the run whose own
     * tests ended but left the hidden suite too little of the time limit ({@code why}).
     */
    ExerciseRun withOwnTestsOf(ExerciseRun first, String why) {
        return new ExerciseRun(id, first.studentTests(), hiddenTests, plannedHidden, entries, first.coverage(), incident,
                why, null);
    }
}
