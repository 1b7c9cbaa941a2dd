package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLineTest {
    @Test
    void a_frame_is_its_simple_class_method_file_and_line_as_far_as_known() {
        assertThat(SourceLine.of(new StackTraceElement("dev.alloclab.exercises.bump.BumpAllocator", "alloc",
                "BumpAllocator.java", 42))).isEqualTo("BumpAllocator.alloc (BumpAllocator.java:42)");
        assertThat(SourceLine.of(new StackTraceElement("a.b.Outer$Inner", "run", "Outer.java", -1)))
                .isEqualTo("Outer$Inner.run (Outer.java)");
        assertThat(SourceLine.of(new StackTraceElement("NoPackage", "main", null, -2))).isEqualTo("NoPackage.main");
    }
}
